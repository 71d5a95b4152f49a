import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let root: string | null = null;

/**
 * The folder of mixrouter-eval's package.json, found by walking up from this
 * module, so it holds from `src/` (tests), `dist/` and the bundled `dist/bin/`.
 */
export function packageRoot(): string {
  if (root !== null) return root;
  let folder = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = join(folder, 'package.json');
    if (
      existsSync(manifest) &&
      (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'mixrouter-eval'
    ) {
      root = folder;
      return folder;
    }
    const parent = dirname(folder);
    if (parent === folder)
      throw new Error(`mixrouter-eval's package.json was not found above ${fileURLToPath(import.meta.url)}`);
    folder = parent;
  }
}
