import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { reportCommand } from '../../src/cli/commands/report-command.js';
import { makeRecord, tempFolder, writeRunFolder } from './html-fixtures.js';

function captureIo() {
  const output = { stdout: '', stderr: '' };
  return {
    output,
    io: {
      stdout: { write: (text: string) => (output.stdout += text) },
      stderr: { write: (text: string) => (output.stderr += text) },
    },
  };
}

describe('reportCommand', () => {
  it('exits 2 with a message for a missing run folder', async () => {
    const { io, output } = captureIo();
    const missing = join(tempFolder(), 'nope');
    expect(await reportCommand({ run: missing }, io)).toBe(2);
    expect(output.stderr).toContain(`Run folder not found: ${missing}`);
    expect(output.stdout).toBe('');
  });

  it('exits 2 for a folder without results.jsonl', async () => {
    const { io, output } = captureIo();
    expect(await reportCommand({ run: tempFolder() }, io)).toBe(2);
    expect(output.stderr).toContain('No results.jsonl');
  });

  it('regenerates the three reports and prints the path of report.html', async () => {
    const { io, output } = captureIo();
    const folder = writeRunFolder({
      records: [makeRecord({ model: 'alpha', id: 'q1' }), makeRecord({ model: 'beta', id: 'q1', answer: '5' })],
    });
    expect(await reportCommand({ run: folder }, io)).toBe(0);
    const printed = output.stdout.trim();
    expect(printed.endsWith('report.html')).toBe(true);
    expect(statSync(printed).isFile()).toBe(true);
    for (const name of ['report.html', 'report.md', 'junit.xml']) expect(existsSync(join(folder, name))).toBe(true);
    expect(readFileSync(join(folder, 'report.md'), 'utf8')).toContain('| beta | 0.0% |');
    expect(existsSync(join(folder, 'report.html.tmp'))).toBe(false);
  });
});
