import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { inertText } from '../../src/util/terminal-text.js';
import { replyJson, startScriptedServer } from '../helpers/scripted-server.js';
import { hardeningFixture } from './fixtures.js';

// Issue 13, item 4: control characters from a gateway or a dataset never reach the terminal.
const fixture = hardeningFixture('hardening-terminal-');
// biome-ignore lint/suspicious/noControlCharactersInRegex: the test looks for control characters.
const CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;
const HOSTILE = '\u001b[2J\u001b]0;owned\u0007\rfake line\u009b31m';

describe('terminal control characters', () => {
  it('from a gateway error message are escaped in every message and table', async () => {
    const server = await startScriptedServer((_request, response) =>
      replyJson(response, 400, {
        error: { message: `bad request ${HOSTILE}`, type: 'invalid_request_error', code: null },
      }),
    );
    fixture.servers.push(server);
    const result = await fixture.evalCli([
      '--models',
      'm',
      '--dataset',
      fixture.dataset('hostile.csv', 2),
      '--base-url',
      server.baseUrl,
      '--out',
      join(fixture.work, 'hostile'),
      '--no-cache',
      '--max-error-rate',
      '1',
    ]);
    const printed = result.stdout + result.stderr;
    expect(printed).not.toMatch(CONTROLS);
    expect(result.code).toBe(0);
  });

  it('from a model name and a dataset are escaped too', async () => {
    const file = join(fixture.work, 'bad-row.jsonl');
    writeFileSync(file, `{"prompt": "fine"}\n{"prompt": 5, "note": "${'\\u001b[31mred\\u0007'}"}\n{"prompt": \n`);
    const result = await fixture.evalCli(['--models', `m${HOSTILE}`, '--dataset', file, '--simulate']);
    expect(result.code).toBe(2);
    expect(result.stdout + result.stderr).not.toMatch(CONTROLS);
    const named = await fixture.evalCli([
      '--models',
      `m\u001b[31m`,
      '--dataset',
      fixture.dataset('ok.csv', 1),
      '--simulate',
    ]);
    expect(named.code, named.stderr).toBe(0);
    expect(named.stdout).toContain('m\\x1b[31m');
    expect(named.stdout + named.stderr).not.toMatch(CONTROLS);
  });

  it('are shown as visible escapes, line feeds kept unless the text must stay on one line', () => {
    expect(inertText('a\u001b[2Jb\u0007\r\nc\td')).toBe('a\\x1b[2Jb\\x07\\x0d\nc\td');
    expect(inertText('a\nb\u009bc', { oneLine: true })).toBe('a\\x0ab\\x9bc');
  });
});
