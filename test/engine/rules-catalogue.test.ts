import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildCatalogue, describeThresholds, renderCatalogue } from '../../src/engine/catalogue.js';
import { allRules } from '../../src/engine/rules/index.js';

const read = (path: string) => readFileSync(fileURLToPath(new URL(`../../${path}`, import.meta.url)), 'utf8');
const thresholdsSource = read('src/engine/thresholds.ts');

describe('docs/rules.md, the rule catalogue generated from the rule objects', () => {
  test('lists every registered rule with its trigger, recommendation, indicator and sources', () => {
    const doc = buildCatalogue(thresholdsSource);
    for (const { meta: r } of allRules) {
      const section = doc.slice(doc.indexOf(`### ${r.id}: `), doc.indexOf('\n### ', doc.indexOf(`### ${r.id}: `) + 1));
      expect(section).toContain(`- **Trigger:** ${r.trigger}`);
      expect(section).toContain(`- **Recommendation:** ${r.recommendation}`);
      expect(section).toContain(`- **Indicator:** ${r.defaultIndicator}`);
      for (const s of r.evidence.seeds) expect(section).toContain(`${s} (`);
      if (r.evidence.citation) expect(section).toContain(r.evidence.citation);
    }
  });

  test('shows the resolution rules and each design threshold with its value and meaning', () => {
    const doc = buildCatalogue(thresholdsSource);
    expect(doc).toMatch(/\| RC-06 \| RC-05, RC-32 \|/);
    expect(doc).toMatch(/- \*\*Suppressed by:\*\* RC-06/);
    expect(doc).toMatch(/\| `POST_LOCAL_THERAPY_DAYS` \| 56 \| RC-20: surgery or radiotherapy completed/);
  });
});

describe('threshold descriptions come from the TSDoc above each constant', () => {
  test('pairs each constant with its own comment, not a file header, and keeps uncommented ones', () => {
    const source = [
      '/**',
      ' * File header.',
      ' */',
      '',
      '/** First: a multi-',
      ' * line comment. */',
      'export const FIRST = 1;',
      'export const BARE = 2;',
    ].join('\n');
    expect(describeThresholds({ BARE: 2, FIRST: 1 }, source)).toEqual([
      { name: 'FIRST', value: '1', meaning: 'First: a multi- line comment.' },
      { name: 'BARE', value: '2', meaning: '' },
    ]);
  });

  test('escapes table separators in rendered cells', () => {
    const doc = renderCatalogue({ rules: [], suppressions: {}, suppressesAllBut: {}, takesLoserIndicator: new Set(), planPriority: [], seeds: {}, thresholds: [{ name: 'X', value: '1', meaning: 'a | b' }] });
    expect(doc).toContain('| `X` | 1 | a \\| b |');
  });
});
