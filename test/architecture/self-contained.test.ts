import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * A clone alone in a folder must run: no source, test, script or benchmark file may read anything beside the
 * repository (the collection of inputs next to it in a development checkout is not there in a clone).
 */
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const OUTSIDE = [['..', 'shared'].join('/'), ['', 'work', 'shared'].join('/')];

function codeFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return codeFiles(p);
    return /\.(ts|cjs|mjs|js|sh)$/.test(e.name) ? [p] : [];
  });
}

test('no file of src, test, scripts or bench names a path outside the repository', () => {
  const files = ['src', 'test', 'scripts', 'bench', '.ci'].flatMap((d) => codeFiles(join(ROOT, d)));
  expect(files.length).toBeGreaterThan(100);
  const hits = files.flatMap((f) =>
    readFileSync(f, 'utf8')
      .split('\n')
      .flatMap((line, i) => (OUTSIDE.some((o) => line.includes(o)) ? [`${relative(ROOT, f)}:${i + 1}`] : [])),
  );
  expect(hits).toEqual([]);
});
