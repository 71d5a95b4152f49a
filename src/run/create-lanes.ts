import type { ConcurrencyChange } from './adaptive-limit.js';
import { Lane, LaneResources } from './lane.js';
import type { RateLimits } from './limits.js';
import type { ModelTarget } from './target.js';

/**
 * One lane per model. Models naming the same budget group share one set of
 * resources (tickets, adaptive limit, rpm/tpm buckets), as models behind one
 * gateway key share its limits.
 */
export function createLanes(options: {
  targets: ModelTarget[];
  groups: Record<string, RateLimits>;
  globalConcurrency: number;
  onChange: (change: ConcurrencyChange) => void;
}): Lane[] {
  const shared = new Map<string, LaneResources>();
  return options.targets.map((target) => {
    const group = target.limits.group;
    if (group !== undefined) {
      let resources = shared.get(group);
      if (!resources) {
        resources = new LaneResources({
          name: `group ${group}`,
          limits: { ...target.limits, ...options.groups[group] },
          globalConcurrency: options.globalConcurrency,
          onChange: options.onChange,
        });
        shared.set(group, resources);
      }
      return new Lane(target, resources);
    }
    const resources = new LaneResources({
      name: target.name,
      limits: target.limits,
      globalConcurrency: options.globalConcurrency,
      onChange: options.onChange,
    });
    return new Lane(target, resources);
  });
}
