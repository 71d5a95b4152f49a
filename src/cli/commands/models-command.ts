import { request } from '../../run/http-client.js';
import { gatewayBaseUrl } from '../../config/base-url.js';
import { aliasesOf, catalogEntry } from '../../config/catalog.js';
import { apiKeyFromEnv, DEFAULT_BASE_URL, loadDotEnv, redact } from '../../config/env.js';
import { ExitCode, UserError, type ExitCodeValue } from '../../errors.js';
import {
  buildModelsListRequest,
  formatForEndpointType,
  parseModelsList,
  type ListedModel,
} from '../../protocols/models-list/index.js';
import type { AuthStyle } from '../../protocols/types.js';
import { authHeaders } from '../../run/transport.js';
import type { CommandIo } from '../command-io.js';

/** Flags of `models`. */
export interface ModelsArgs {
  baseUrl?: string;
  simulate: boolean;
  json: boolean;
}

/** One listed model, ready to print. */
export interface ModelRow {
  id: string;
  ownedBy: string | null;
  endpointTypes: string[] | null;
  /** Formats from the list's endpoint types (unknown types kept raw), else the catalog's, else openai-chat. */
  formats: string[];
  /** Where `formats` came from. */
  formatsFrom: 'gateway' | 'catalog' | 'assumed';
  inCatalog: boolean;
  aliases: string[];
}

/** Models of one vendor. */
export interface ModelGroup {
  name: string;
  models: ModelRow[];
}

const requestTimeoutMs = 30_000;

function gatewayMessage(text: string): string {
  try {
    const body = JSON.parse(text) as { error?: { message?: unknown } | string; message?: unknown };
    if (typeof body.error === 'object' && typeof body.error?.message === 'string') return body.error.message;
    if (typeof body.error === 'string') return body.error;
    if (typeof body.message === 'string') return body.message;
  } catch {
    // Not JSON (a proxy's HTML page, for instance): show its start.
  }
  return text.trim().slice(0, 300) || '(empty body)';
}

/**
 * `GET {baseUrl}/models` with the key in the header `auth` names (bearer by default).
 * Throws UserError (exit 3) when the gateway cannot be reached, answers an error status
 * or sends a body that is not a models list. Messages never contain the key.
 */
export async function fetchModelsList(options: {
  baseUrl: string;
  apiKey: string;
  auth?: AuthStyle;
}): Promise<ListedModel[]> {
  const wire = buildModelsListRequest({ baseUrl: options.baseUrl, auth: options.auth ?? 'bearer' });
  const hide = (text: string): string => redact(text, options.apiKey);
  let status: number;
  let text: string;
  try {
    const response = await request(wire.url, {
      method: wire.method,
      headers: { ...wire.headers, ...authHeaders(options.auth ?? 'bearer', options.apiKey) },
      headersTimeout: requestTimeoutMs,
      bodyTimeout: requestTimeoutMs,
    });
    status = response.statusCode;
    text = await response.body.text();
  } catch (error) {
    throw new UserError(
      hide(`Could not reach ${wire.url}: ${error instanceof Error ? error.message : String(error)}`),
      ExitCode.infrastructure,
    );
  }
  if (status < 200 || status >= 300) {
    const hint = status === 401 || status === 403 ? ' Check MIXROUTER_API_KEY.' : '';
    throw new UserError(
      hide(`GET ${wire.url} answered ${status}: ${gatewayMessage(text)}.${hint}`),
      ExitCode.infrastructure,
    );
  }
  try {
    return parseModelsList(JSON.parse(text));
  } catch (error) {
    const detail =
      error instanceof SyntaxError ? 'the body is not JSON' : error instanceof Error ? error.message : String(error);
    throw new UserError(hide(`GET ${wire.url}: ${detail}`), ExitCode.infrastructure);
  }
}

/** The group a model is listed under: the catalog's vendor, else `owned_by`, else the id's first word. */
function groupName(model: ListedModel): string {
  return catalogEntry(model.id)?.provider ?? model.ownedBy ?? model.id.split(/[-._]/)[0];
}

function rowOf(model: ListedModel): ModelRow {
  const entry = catalogEntry(model.id);
  const base = {
    id: model.id,
    ownedBy: model.ownedBy,
    endpointTypes: model.endpointTypes,
    inCatalog: entry !== null,
    aliases: aliasesOf(entry?.id ?? model.id),
  };
  if (model.endpointTypes !== null)
    return {
      ...base,
      formats: model.endpointTypes.map((type) => formatForEndpointType(type) ?? type),
      formatsFrom: 'gateway',
    };
  if (entry) return { ...base, formats: [...entry.formats], formatsFrom: 'catalog' };
  return { ...base, formats: ['openai-chat'], formatsFrom: 'assumed' };
}

/** Groups listed models by vendor (groups by name, models in list order). */
export function groupModels(listed: readonly ListedModel[]): ModelGroup[] {
  const groups = new Map<string, ModelRow[]>();
  for (const model of listed) {
    const name = groupName(model);
    groups.set(name, [...(groups.get(name) ?? []), rowOf(model)]);
  }
  return [...groups.entries()]
    .sort(([left], [right]) => left.localeCompare(right, 'en', { sensitivity: 'base' }))
    .map(([name, models]) => ({ name, models }));
}

/** The grouped list as text: one block per vendor, one line per model with its formats and aliases. */
export function renderModelGroups(options: { groups: readonly ModelGroup[]; baseUrl: string }): string {
  const rows = options.groups.flatMap((group) => group.models);
  const width = Math.max(0, ...rows.map((row) => row.id.length));
  const lines = [`${rows.length} models at ${options.baseUrl}`];
  for (const group of options.groups) {
    lines.push('', `${group.name} (${group.models.length})`);
    for (const row of group.models) {
      const suffix = row.formatsFrom === 'gateway' ? '' : ` (${row.formatsFrom})`;
      const aliases = row.aliases.length > 0 ? `   alias: ${row.aliases.join(', ')}` : '';
      lines.push(`  ${row.id.padEnd(width)}  ${row.formats.join(', ')}${suffix}${aliases}`);
    }
  }
  if (rows.some((row) => row.formatsFrom !== 'gateway')) {
    lines.push('', '(catalog) / (assumed): the gateway did not send supported_endpoint_types for that model.');
  }
  return lines.join('\n');
}

/**
 * `models`: lists what the gateway serves to this key, grouped by vendor, with the formats
 * each model is served on. `--simulate` asks the built-in simulator; otherwise the key comes
 * from MIXROUTER_API_KEY (or .env) and the gateway from --base-url, MIXROUTER_BASE_URL or the default.
 */
export async function modelsCommand(args: ModelsArgs, io: CommandIo): Promise<ExitCodeValue> {
  loadDotEnv();
  let baseUrl: string;
  let apiKey: string;
  let closeSimulator: (() => Promise<void>) | null = null;
  if (args.simulate) {
    const { startSimulator } = await import('../../simulator/server.js');
    const simulator = await startSimulator({ latencyScale: 0 });
    baseUrl = simulator.baseUrl;
    apiKey = simulator.apiKey;
    closeSimulator = () => simulator.close();
    io.stderr.write(
      `Simulated gateway listening at ${baseUrl} (its list is the published catalogue plus the simulated models).\n`,
    );
  } else {
    const key = apiKeyFromEnv();
    if (!key) {
      throw new UserError(
        "MIXROUTER_API_KEY is not set, so nothing was sent. Export it (or put it in a .env file), or add --simulate to list the simulated gateway's models.",
      );
    }
    apiKey = key;
    const chosen = args.baseUrl ?? process.env.MIXROUTER_BASE_URL ?? DEFAULT_BASE_URL;
    const checked = gatewayBaseUrl(args.baseUrl !== undefined ? '--base-url' : 'MIXROUTER_BASE_URL', chosen);
    if (checked.note) io.stderr.write(`${checked.note}\n`);
    baseUrl = checked.url;
  }
  let listed: ListedModel[];
  try {
    listed = await fetchModelsList({ baseUrl, apiKey });
  } finally {
    await closeSimulator?.();
  }
  const groups = groupModels(listed);
  if (args.json) io.stdout.write(`${JSON.stringify({ baseUrl, count: listed.length, groups }, null, 2)}\n`);
  else io.stdout.write(`${renderModelGroups({ groups, baseUrl })}\n`);
  return ExitCode.ok;
}
