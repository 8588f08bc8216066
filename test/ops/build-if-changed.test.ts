import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { inputsDigest, OUTPUTS, STAMP, staleReason } from '../../scripts/build-if-changed.js';

/** `npm start` rebuilds only when the build is missing or a source changed since it was made. */
let root: string;
const put = (path: string, text: string) => {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), text);
};

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'rectal-cds-build-'));
  put('src/server.ts', 'export {};');
  put('src/smart/app.ts', 'export {};');
  put('package-lock.json', '{}');
  put('tsconfig.json', '{}');
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

const built = () => {
  for (const o of OUTPUTS) put(o, 'built');
  put(STAMP, `${inputsDigest(root)}\n`);
};

test('a fresh clone (no build): build, saying what is missing', () => {
  expect(staleReason(inputsDigest(root), root)).toBe('dist/src/server.js is missing');
});

test('built from these sources: nothing to do', () => {
  built();
  expect(staleReason(inputsDigest(root), root)).toBeUndefined();
});

test.each([
  ['a source edited', () => put('src/smart/app.ts', 'export const x = 1;')],
  ['a source added', () => put('src/new.ts', 'export {};')],
  ['the lockfile changed', () => put('package-lock.json', '{"x":1}')],
  ['the compiler settings changed', () => put('tsconfig.json', '{"compilerOptions":{}}')],
])('%s: build again', (_name, change) => {
  built();
  change();
  expect(staleReason(inputsDigest(root), root)).toBe('sources changed since the last build');
});

test('a file that is not an input (a test, the README) changed: nothing to do', () => {
  built();
  put('test/x.test.ts', 'x');
  put('README.md', 'x');
  expect(staleReason(inputsDigest(root), root)).toBeUndefined();
});

test('a build without its record (made by an older npm run build): build', () => {
  built();
  rmSync(join(root, STAMP));
  expect(staleReason(inputsDigest(root), root)).toBe('the build has no record of its inputs');
});
