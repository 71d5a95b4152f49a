import type { FormatName } from '../types.js';
import { formatForEndpointType, servesFormat } from './endpoint-types.js';
import type { ListedModel } from './parse-models-list.js';

/** What `checkModels` needs of a target. */
export interface CheckedTarget {
  /** The row label (the `--models` entry). */
  name: string;
  modelId: string;
  format: FormatName;
}

/** One reason a target may fail at request time. */
export interface ModelProblem {
  target: string;
  modelId: string;
  kind: 'missing' | 'format';
  message: string;
}

/**
 * Compares targets with the gateway's list: a wire id the list lacks (the list is filtered to
 * what the calling key may use), and a format missing from the model's
 * `supported_endpoint_types` when the gateway sends that field. Empty when all is well.
 */
export function checkModels(options: {
  targets: readonly CheckedTarget[];
  listed: readonly ListedModel[];
}): ModelProblem[] {
  const byId = new Map(options.listed.map((model) => [model.id, model]));
  const problems: ModelProblem[] = [];
  for (const target of options.targets) {
    const listed = byId.get(target.modelId);
    if (!listed) {
      const near = options.listed.find((model) => model.id.toLowerCase() === target.modelId.toLowerCase());
      const hint = near
        ? ` The list has '${near.id}' (ids are case-sensitive).`
        : ' Check the spelling, or whether your key may use it (`mixrouter-eval models` lists what it may).';
      problems.push({
        target: target.name,
        modelId: target.modelId,
        kind: 'missing',
        message: `${target.name}: ${target.modelId} is not in the gateway's model list.${hint}`,
      });
      continue;
    }
    if (
      listed.endpointTypes !== null &&
      !servesFormat({ endpointTypes: listed.endpointTypes, format: target.format })
    ) {
      const served = listed.endpointTypes.map((type) => formatForEndpointType(type) ?? type).join(', ') || 'nothing';
      problems.push({
        target: target.name,
        modelId: target.modelId,
        kind: 'format',
        message: `${target.name}: the gateway serves ${target.modelId} as ${served}, not ${target.format}. Pick one of those with @format.`,
      });
    }
  }
  return problems;
}
