import { readFileSync } from 'node:fs';
import { generatedFiles } from '../scripts/generators/generated-files.js';

/**
 * Registries, the rule catalogue and the derived parts of discovery are generated from the code
 * (`npm run generate`). A committed file that differs from what the generator writes has drifted.
 */
describe.each(generatedFiles().map((f) => [f.name, f] as const))('%s', (name, file) => {
  test('is what `npm run generate` writes', async () => {
    const expected = await file.render();
    const actual = readFileSync(file.path, 'utf8');
    if (actual !== expected) throw new Error(`${name} is out of date with the code: run \`npm run generate\` and commit the result`);
  });
});
