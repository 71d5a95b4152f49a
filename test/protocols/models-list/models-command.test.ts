import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  fetchModelsList,
  groupModels,
  modelsCommand,
  renderModelGroups,
} from '../../../src/cli/commands/models-command.js';
import { UserError } from '../../../src/errors.js';
import { startSimulator, type SimulatorHandle } from '../../../src/simulator/server.js';

function captureIo() {
  const out = { stdout: '', stderr: '' };
  return {
    out,
    io: {
      stdout: { write: (text: string) => (out.stdout += text) },
      stderr: { write: (text: string) => (out.stderr += text) },
    },
  };
}

describe('models command against the simulator', () => {
  let simulator: SimulatorHandle;
  const saved = { key: process.env.MIXROUTER_API_KEY, url: process.env.MIXROUTER_BASE_URL };

  beforeAll(async () => {
    simulator = await startSimulator({ latencyScale: 0 });
  });
  afterAll(async () => {
    await simulator.close();
  });
  afterEach(() => {
    for (const [name, value] of [
      ['MIXROUTER_API_KEY', saved.key],
      ['MIXROUTER_BASE_URL', saved.url],
    ] as const) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  });

  it('fetches and parses the list with the key', async () => {
    const listed = await fetchModelsList({ baseUrl: simulator.baseUrl, apiKey: simulator.apiKey });
    expect(listed.find((model) => model.id === 'claude-sonnet-4-5-20250929')).toEqual({
      id: 'claude-sonnet-4-5-20250929',
      ownedBy: 'anthropic',
      endpointTypes: ['anthropic', 'openai'],
    });
  });

  it('also sends the key as x-api-key when asked', async () => {
    const listed = await fetchModelsList({ baseUrl: simulator.baseUrl, apiKey: simulator.apiKey, auth: 'x-api-key' });
    expect(listed.length).toBeGreaterThan(0);
  });

  it('prints the models grouped by vendor with their formats', async () => {
    process.env.MIXROUTER_API_KEY = simulator.apiKey;
    const { io, out } = captureIo();
    const code = await modelsCommand({ baseUrl: simulator.baseUrl, simulate: false, json: false }, io);
    expect(code).toBe(0);
    expect(out.stdout).toContain(`models at ${simulator.baseUrl}`);
    expect(out.stdout).toMatch(
      /\nAnthropic \(4\)\n {2}claude-opus-4-5-20251101 +anthropic-messages, openai-chat +alias: claude-opus-4-5\n/,
    );
    expect(out.stdout).toMatch(/\nOpenAI \(\d+\)\n/);
    expect(out.stdout).toMatch(/ {2}gpt-5\.1-codex +openai-responses\n/);
    expect(out.stdout).toMatch(/ {2}doubao-seedance-1-0-lite-i2v-250428 +video-task\n/);
    expect(out.stdout).toMatch(/\nMoonshot \(11\)\n/);
    expect(out.stdout).toMatch(/\nmixrouter-simulator \(\d+\)\n {2}sim-/);
    expect(out.stdout).not.toContain(simulator.apiKey);
  });

  it('prints JSON with --json', async () => {
    process.env.MIXROUTER_API_KEY = simulator.apiKey;
    const { io, out } = captureIo();
    await modelsCommand({ baseUrl: simulator.baseUrl, simulate: false, json: true }, io);
    const parsed = JSON.parse(out.stdout) as {
      baseUrl: string;
      count: number;
      groups: Array<{ name: string; models: Array<{ id: string; formats: string[]; inCatalog: boolean }> }>;
    };
    expect(parsed.baseUrl).toBe(simulator.baseUrl);
    const google = parsed.groups.find((group) => group.name === 'Google');
    expect(google?.models.find((model) => model.id === 'gemini-2.5-pro')).toMatchObject({
      formats: ['gemini', 'openai-chat'],
      inCatalog: true,
    });
    expect(parsed.count).toBe(parsed.groups.reduce((sum, group) => sum + group.models.length, 0));
  });

  it('starts its own simulator with --simulate', async () => {
    delete process.env.MIXROUTER_API_KEY;
    const { io, out } = captureIo();
    expect(await modelsCommand({ simulate: true, json: false }, io)).toBe(0);
    expect(out.stderr).toContain('Simulated gateway listening');
    expect(out.stdout).toContain('DeepSeek (3)');
  });

  it('refuses to run without a key', async () => {
    delete process.env.MIXROUTER_API_KEY;
    const { io } = captureIo();
    await expect(modelsCommand({ baseUrl: simulator.baseUrl, simulate: false, json: false }, io)).rejects.toThrow(
      'MIXROUTER_API_KEY is not set',
    );
  });

  it('turns a 401 into a UserError with exit code 3 and no key in it', async () => {
    const wrongKey = 'wrong-key-for-test';
    const error = await fetchModelsList({ baseUrl: simulator.baseUrl, apiKey: wrongKey }).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).exitCode).toBe(3);
    expect((error as UserError).message).toContain('answered 401');
    expect((error as UserError).message).not.toContain(wrongKey);
  });

  it('turns an unreachable gateway into a UserError', async () => {
    const closed = await startSimulator({ latencyScale: 0 });
    const url = closed.baseUrl;
    await closed.close();
    await expect(fetchModelsList({ baseUrl: url, apiKey: 'k' })).rejects.toThrow('Could not reach');
  });
});

describe('groupModels / renderModelGroups', () => {
  it('groups by catalog vendor, else owned_by, else id prefix, and marks where formats came from', () => {
    const groups = groupModels([
      { id: 'qwen3-max', ownedBy: 'ali', endpointTypes: null },
      { id: 'acme-large', ownedBy: null, endpointTypes: null },
      { id: 'acme-small', ownedBy: null, endpointTypes: ['openai', 'image-generation'] },
      { id: 'zeta-1', ownedBy: 'zeta-labs', endpointTypes: ['openai'] },
    ]);
    expect(groups.map((group) => group.name)).toEqual(['acme', 'Alibaba', 'zeta-labs']);
    expect(groups[0].models.map((model) => [model.id, model.formats, model.formatsFrom])).toEqual([
      ['acme-large', ['openai-chat'], 'assumed'],
      ['acme-small', ['openai-chat', 'image-generation'], 'gateway'],
    ]);
    expect(groups[1].models[0]).toMatchObject({ formats: ['openai-chat'], formatsFrom: 'catalog', aliases: ['qwen'] });
    const text = renderModelGroups({ groups, baseUrl: 'http://127.0.0.1:9/v1' });
    expect(text).toContain('4 models at http://127.0.0.1:9/v1');
    expect(text).toContain('  qwen3-max   openai-chat (catalog)   alias: qwen');
    expect(text).toContain('(catalog) / (assumed)');
  });
});
