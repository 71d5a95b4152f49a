import { isRecord } from '../json-values.js';
/** One model from `GET /v1/models`. */
export interface ListedModel {
  id: string;
  /** The gateway's `owned_by` label (often the vendor, sometimes `custom`); null when absent. */
  ownedBy: string | null;
  /** `supported_endpoint_types` as listed; null when the gateway build does not send it. */
  endpointTypes: string[] | null;
}

function errorMessage(body: Record<string, unknown>): string | null {
  const error = body.error;
  if (isRecord(error) && typeof error.message === 'string') return error.message;
  if (typeof error === 'string') return error;
  if (body.success === false && typeof body.message === 'string') return body.message;
  return null;
}

/**
 * Reads a `GET /v1/models` body (models-and-errors.md §1): `{object: "list", data: [...]}`,
 * or a bare array. Entries without a string id are skipped; a repeated id keeps its first
 * entry. Throws an Error when the body is not a list or carries an error object.
 */
export function parseModelsList(body: unknown): ListedModel[] {
  if (isRecord(body)) {
    const message = errorMessage(body);
    if (message !== null && !Array.isArray(body.data))
      throw new Error(`the models list answered with an error: ${message}`);
  }
  const data = Array.isArray(body) ? body : isRecord(body) ? body.data : undefined;
  if (!Array.isArray(data)) throw new Error('the models list is not in the expected shape ({"data": [...]}).');
  const seen = new Set<string>();
  const models: ListedModel[] = [];
  for (const item of data) {
    if (!isRecord(item) || typeof item.id !== 'string' || item.id.length === 0 || seen.has(item.id)) continue;
    seen.add(item.id);
    const types = item.supported_endpoint_types;
    models.push({
      id: item.id,
      ownedBy: typeof item.owned_by === 'string' && item.owned_by.length > 0 ? item.owned_by : null,
      endpointTypes: Array.isArray(types) ? types.filter((type): type is string => typeof type === 'string') : null,
    });
  }
  return models;
}
