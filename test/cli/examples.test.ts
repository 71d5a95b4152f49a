import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { repoRoot } from '../helpers/cli.js';
import { parseShardFlag } from '../../src/config/shard-flag.js';
import { commandsIn, parseError } from '../helpers/example-commands.js';

describe('examples/github-actions/eval-on-pull-request.yml', () => {
  const text = readFileSync(join(repoRoot, 'examples', 'github-actions', 'eval-on-pull-request.yml'), 'utf8');

  it('is a workflow with an eval job', () => {
    const workflow = parse(text) as { jobs: Record<string, { steps: Array<{ run?: string }> }> };
    expect(Object.keys(workflow.jobs)).toContain('eval');
    expect(workflow.jobs.eval.steps.some((step) => step.run?.includes('npm run eval'))).toBe(true);
  });

  it('has only commands the CLI parses', async () => {
    const commands = commandsIn(text);
    expect(commands.length).toBeGreaterThan(0);
    for (const argv of commands) expect(await parseError(argv), argv.join(' ')).toBeNull();
  });

  it('would break on a renamed flag', async () => {
    expect(await parseError(['eval', '--models', 'm', '--dataset', 'd.csv', '--max-dropp', '5'])).toContain(
      'max-dropp',
    );
  });
});

/** Every `--shard` value of a command, with the placeholder of a matrix index or variable read as 0. */
function shardsOf(argv: string[]): Array<{ index: number; count: number }> {
  const values = argv.flatMap((word, at) => (word === '--shard' ? [argv[at + 1]] : []));
  return values.map((value) => {
    const shard = parseShardFlag(value.replace('VALUE', '0'), { JOB_COMPLETION_INDEX: '0' });
    if (!shard) throw new Error(`no shard in ${argv.join(' ')}`);
    return shard;
  });
}

const kubernetes = join(repoRoot, 'examples', 'kubernetes');

interface KubeJob {
  kind: string;
  metadata: { name: string };
  spec: {
    completionMode?: string;
    completions?: number;
    parallelism?: number;
    backoffLimitPerIndex?: number;
    template: {
      spec: {
        restartPolicy: string;
        containers: Array<{
          args?: string[];
          env?: Array<{ name: string; valueFrom?: { secretKeyRef?: { name: string; key: string } } }>;
          volumeMounts?: Array<{ name: string; mountPath: string }>;
        }>;
        volumes?: Array<{ name: string; persistentVolumeClaim?: { claimName: string } }>;
      };
    };
  };
}

function kubeJob(file: string): { text: string; job: KubeJob } {
  const text = readFileSync(join(kubernetes, file), 'utf8');
  return { text, job: parse(text) as KubeJob };
}

describe('examples/kubernetes', () => {
  it('runs the shards as an Indexed Job: completions = the shard count, a retry per index, the key from a Secret, a volume', () => {
    const { text, job } = kubeJob('shards-job.yaml');
    expect(job.kind).toBe('Job');
    expect(job.spec.completionMode).toBe('Indexed');
    expect(job.spec.backoffLimitPerIndex).toBeGreaterThan(0);
    expect(job.spec.parallelism).toBeGreaterThan(0);
    const [command] = commandsIn(text);
    expect(command[0]).toBe('eval');
    const [shard] = shardsOf(command);
    expect(command[command.indexOf('--shard') + 1]).toBe(`auto/${shard.count}`);
    expect(job.spec.completions).toBe(shard.count);
    const pod = job.spec.template.spec;
    expect(pod.restartPolicy).toBe('Never');
    const key = pod.containers[0].env?.find((entry) => entry.name === 'MIXROUTER_API_KEY');
    expect(key?.valueFrom?.secretKeyRef?.name).toBeTruthy();
    const mount = pod.containers[0].volumeMounts?.[0];
    const volume = pod.volumes?.find((entry) => entry.name === mount?.name);
    expect(volume?.persistentVolumeClaim?.claimName).toBe('mixrouter-eval-results');
    expect(command[command.indexOf('--out') + 1]).toBe('VALUE');
    expect(text).toContain('out="/results/');
  });

  it('merges every shard the Job wrote, on the same volume, gated on a baseline', () => {
    const { text, job } = kubeJob('merge-job.yaml');
    const [command] = commandsIn(text);
    expect(command[0]).toBe('merge');
    const shardCount = kubeJob('shards-job.yaml').job.spec.completions ?? 0;
    const folders = command.slice(1, command.indexOf('--out'));
    expect(folders).toEqual(Array.from({ length: shardCount }, (_, index) => `/results/run-1/shard-${index}`));
    expect(text).toContain('--baseline /results/baseline');
    expect(job.spec.template.spec.volumes?.[0].persistentVolumeClaim?.claimName).toBe('mixrouter-eval-results');
    const claim = parse(readFileSync(join(kubernetes, 'storage.yaml'), 'utf8')) as {
      kind: string;
      metadata: { name: string };
    };
    expect(claim).toMatchObject({ kind: 'PersistentVolumeClaim', metadata: { name: 'mixrouter-eval-results' } });
  });

  it('has only commands the CLI parses', async () => {
    for (const file of ['shards-job.yaml', 'merge-job.yaml']) {
      const commands = commandsIn(readFileSync(join(kubernetes, file), 'utf8'));
      expect(commands.length, file).toBeGreaterThan(0);
      for (const argv of commands) expect(await parseError(argv), argv.join(' ')).toBeNull();
    }
  });

  it('builds its image with the install and build steps of .ci/run, on Node 20', () => {
    const dockerfile = readFileSync(join(kubernetes, 'Dockerfile'), 'utf8');
    const ci = readFileSync(join(repoRoot, '.ci', 'run'), 'utf8');
    const steps = [...ci.matchAll(/^(npm (?:ci|run build)\b[^|&;\n]*?)\s*(?:\|\||$)/gm)].map((match) =>
      match[1].trim(),
    );
    expect(steps).toEqual(['npm ci --no-audit --no-fund', 'npm run build']);
    const runs = [...dockerfile.matchAll(/^RUN (.+)$/gm)].map((match) => match[1].trim());
    expect(runs).toEqual(steps);
    expect(dockerfile).toMatch(/^FROM node:20\b/m);
    expect(dockerfile).toContain('dist/bin/mixrouter-eval.js');
  });
});

describe('examples/github-actions/eval-sharded.yml', () => {
  const text = readFileSync(join(repoRoot, 'examples', 'github-actions', 'eval-sharded.yml'), 'utf8');
  interface Step {
    uses?: string;
    run?: string;
    with?: Record<string, unknown>;
  }
  const workflow = parse(text) as {
    jobs: Record<string, { needs?: string; strategy?: { matrix: { shard: number[] } }; steps: Step[] }>;
  };

  it('runs a shard per matrix entry, uploads one artifact per shard, and merges them in a job that gates', () => {
    const { shard, merge } = workflow.jobs;
    const commands = commandsIn(text);
    const evalCommand = commands.find((argv) => argv[0] === 'eval') ?? [];
    const [{ count }] = shardsOf(evalCommand);
    expect(shard.strategy?.matrix.shard).toEqual([...Array(count).keys()]);
    const upload = shard.steps.find((step) => step.uses?.startsWith('actions/upload-artifact'));
    expect(String(upload?.with?.name)).toMatch(/\$\{\{ matrix\.shard \}\}/);
    expect(merge.needs).toBe('shard');
    const mergeCommand = commands.find((argv) => argv[0] === 'merge') ?? [];
    expect(mergeCommand.slice(1, mergeCommand.indexOf('--out'))).toHaveLength(count);
    expect(merge.steps.some((step) => step.run?.includes('--baseline baseline'))).toBe(true);
  });

  it('has only commands the CLI parses', async () => {
    const commands = commandsIn(text);
    expect(commands.map((argv) => argv[0]).sort()).toEqual(['eval', 'merge']);
    for (const argv of commands) expect(await parseError(argv), argv.join(' ')).toBeNull();
  });

  it('would break on a renamed merge flag', async () => {
    expect(await parseError(['merge', 'a', 'b', '--out', 'm', '--allow-mising'])).toContain('allow-mising');
  });
});

describe('the sharded commands of docs/distributed.md and the README', () => {
  /** The commands in a Markdown file's code blocks. */
  const fenced = (file: string): string[][] => {
    const text = readFileSync(join(repoRoot, file), 'utf8');
    return commandsIn([...text.matchAll(/```\w*\n([\s\S]*?)```/g)].map((match) => match[1]).join('\n'));
  };

  it('parse with the CLI', async () => {
    const readme = fenced('README.md').filter((argv) => argv.includes('--shard') || argv[0] === 'merge');
    expect(readme.length).toBeGreaterThanOrEqual(2);
    const commands = [...fenced(join('docs', 'distributed.md')), ...readme];
    expect(commands.map((argv) => argv[0])).toEqual(expect.arrayContaining(['eval', 'merge', 'compare']));
    for (const argv of commands) {
      expect(await parseError(argv), argv.join(' ')).toBeNull();
      shardsOf(argv);
    }
  });
});
