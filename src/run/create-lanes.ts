import type { ConcurrencyChange } from './adaptive-limit.js';
import { Lane, LaneResources } from './lane.js';
import type { RateChange } from './rate-control.js';
import type { RateLimits } from '../settings/limits.js';
import type { ModelTarget } from '../settings/model-target.js';

/**
 * One lane per model, each with its own limits. Models naming the same budget
 * group also share that group's resources (tickets, adaptive limit, rpm/tpm
 * buckets), as models behind one gateway key share its limits; the group's
 * limits come from the config's `groups:` alone, whatever order the models are in.
 */
export function createLanes(options: {
  targets: ModelTarget[];
  groups: Record<string, RateLimits>;
  globalConcurrency: number;
  onChange: (change: ConcurrencyChange) => void;
  onRateChange?: (change: RateChange) => void;
}): Lane[] {
  const shared = new Map<string, LaneResources>();
  const groupOf = (name: string): LaneResources => {
    let resources = shared.get(name);
    if (!resources) {
      resources = new LaneResources({
        name: `group ${name}`,
        limits: options.groups[name] ?? {},
        globalConcurrency: options.globalConcurrency,
        onChange: options.onChange,
        onRateChange: options.onRateChange,
      });
      shared.set(name, resources);
    }
    return resources;
  };
  return options.targets.map((target) => {
    const { group, ...own } = target.limits;
    const resources = new LaneResources({
      name: target.name,
      limits: own,
      globalConcurrency: options.globalConcurrency,
      onChange: options.onChange,
      onRateChange: options.onRateChange,
    });
    return new Lane(target, resources, group === undefined ? null : groupOf(group));
  });
}
