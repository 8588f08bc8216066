/**
 * Writes docs/rules.md, the rule catalogue, from the rule objects: `npm run docs:rules`.
 * test/engine/rules-catalogue.test.ts fails when the committed file differs from what this writes.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildCatalogue } from '../src/engine/catalogue.js';

const root = (path: string) => fileURLToPath(new URL(`../${path}`, import.meta.url));

const markdown = buildCatalogue(readFileSync(root('src/engine/thresholds.ts'), 'utf8'));
writeFileSync(root('docs/rules.md'), markdown);
console.log(`docs/rules.md written (${markdown.split('\n').length} lines)`);
