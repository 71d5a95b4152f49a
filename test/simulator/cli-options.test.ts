import { describe, expect, it } from 'vitest';
import { parseFaultSpec, SimulatorOptionError, toSimulatorOptions } from '../../src/simulator/cli-options.js';
import { runSimulatorMain } from '../../src/simulator/main.js';
import { chat } from './sim-http.js';

describe('parseFaultSpec', () => {
  it('reads rates, settings and scripts', () => {
    expect(
      parseFaultSpec('rateLimit=0.05, serverError=0.02,retryAfterSeconds=2,stallMs=500,script=html502|ok'),
    ).toEqual({
      rateLimit: 0.05,
      serverError: 0.02,
      retryAfterSeconds: 2,
      stallMs: 500,
      script: ['html502', 'ok'],
    });
  });

  it.each(['meteor=0.1', 'rateLimit', 'rateLimit=lots', 'serverError=1.5', 'script=ok|boom'])('rejects %s', (spec) => {
    expect(() => parseFaultSpec(spec)).toThrow(SimulatorOptionError);
  });
});

describe('toSimulatorOptions', () => {
  it('converts command-line values', () => {
    expect(
      toSimulatorOptions({
        port: 8787,
        latencyScale: 0.5,
        faults: 'rateLimit=0.1',
        knowledge: ['a.jsonl'],
        unavailableModels: 'm1, m2',
        usageWhenNotAsked: 'openai',
      }),
    ).toEqual({
      port: 8787,
      latencyScale: 0.5,
      faults: { rateLimit: 0.1 },
      knowledge: ['a.jsonl'],
      unavailableModels: ['m1', 'm2'],
      usageWhenNotAsked: 'openai',
    });
  });

  it('names the bad option', () => {
    expect(() => toSimulatorOptions({ port: 70000 })).toThrow(/--port/);
    expect(() => toSimulatorOptions({ latencyScale: -1 })).toThrow(/--latency-scale/);
    expect(() => toSimulatorOptions({ usageWhenNotAsked: 'sometimes' })).toThrow(/--usage-when-not-asked/);
  });
});

describe('runSimulatorMain', () => {
  it('prints one JSON line with the base URL once listening, and applies the faults', async () => {
    const lines: string[] = [];
    const simulator = await runSimulatorMain({
      argv: ['--port', '0', '--latency-scale', '0', '--faults', 'script=serverError'],
      output: (line) => lines.push(line),
    });
    try {
      expect(lines).toHaveLength(1);
      const announced = JSON.parse(lines[0]) as { baseUrl: string; port: number };
      expect(announced.baseUrl).toBe(`http://127.0.0.1:${announced.port}/v1`);
      expect(announced.port).toBe(simulator.port);
      expect((await chat(simulator, { model: 'sim-fast' })).status).toBe(500);
      expect((await chat(simulator, { model: 'sim-fast' })).status).toBe(200);
    } finally {
      await simulator.close();
    }
  });
});
