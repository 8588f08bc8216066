/**
 * `npm run generate`: writes every generated file from its source, so none drifts from the code.
 * test/generated-files.test.ts fails when a committed file differs from what this writes.
 */
import { writeFileSync } from 'node:fs';
import { generatedFiles } from './generators/generated-files.js';

for (const { path, render } of generatedFiles()) {
  const text = await render();
  writeFileSync(path, text);
  console.log(`${path} written`);
}
