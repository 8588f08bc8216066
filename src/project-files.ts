import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Find a file at the project root (where package.json is), whether running from `src/` (tests) or `dist/src/`.
 */
export function projectFile(name: string): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, 'package.json'))) return join(dir, name);
    const up = dirname(dir);
    if (up === dir) throw new Error(`project root not found above ${fileURLToPath(import.meta.url)}`);
    dir = up;
  }
}

export function readProjectJson(name: string): unknown {
  return JSON.parse(readFileSync(projectFile(name), 'utf8'));
}
