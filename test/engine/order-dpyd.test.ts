import type { Case } from '../../src/domain/case.js';
import type { TestDraft } from '../../src/domain/draft-order.js';
import { aStageIvCase, exposure } from '../support/case-builder.js';
import { actionsOf, drug, idsFor, recsFor } from '../support/draft-builder.js';

/** RC-E11: the first fluoropyrimidine ordered with no DPYD genotype or DPD phenotype on file. */

const dpydDraft: TestDraft = {
  id: 'ServiceRequest/dpyd',
  selected: false,
  label: 'DPYD genotyping',
  emergency: false,
  kind: 'test',
  test: 'DPYD',
  source: { resourceType: 'ServiceRequest', id: 'dpyd' },
};
const capox = () => [drug('cape', ['capecitabine']), drug('ox', ['oxaliplatin'])];

describe('RC-E11: DPYD before the first fluoropyrimidine', () => {
  test.each<[string, Case, ReturnType<typeof capox>, boolean]>([
    ['first capecitabine, nothing on file', aStageIvCase(), capox(), true],
    ['first fluorouracil (FOLFOX)', aStageIvCase(), [drug('folfox', ['oxaliplatin', 'leucovorin', 'fluorouracil'])], true],
    ['fluorouracil given before: not the first dose', aStageIvCase({ therapy: { exposures: [exposure('fluorouracil', 200)], lines: [] } }), capox(), false],
    ['a DPYD result on file', aStageIvCase({ dpydTest: { resourceType: 'Observation', id: 'dpyd' } }), capox(), false],
    ['no fluoropyrimidine drafted', aStageIvCase(), [drug('ox', ['oxaliplatin']), drug('bev', ['bevacizumab'])], false],
  ])('%s', (_n, c, drafts, fires) => {
    for (const hook of ['order-select', 'order-sign'] as const) expect(idsFor(c, hook, drafts).includes('RC-E11')).toBe(fires);
  });

  test('a DPYD test ordered in the same order set answers it (the card does not come back after its suggestion)', () => {
    expect(idsFor(aStageIvCase(), 'order-sign', [...capox(), dpydDraft])).not.toContain('RC-E11');
  });

  test('info, about the fluoropyrimidine order only, with one DPYD genotyping order as its suggestion', () => {
    const r = recsFor(aStageIvCase(), 'order-select', capox()).find((x) => x.ruleId === 'RC-E11');
    expect(r?.indicator).toBe('info');
    expect(r?.draftIds).toEqual(['MedicationRequest/cape']);
    expect(r?.summary).toMatch(/^First capecitabine: test DPYD before the first dose/);
    expect(actionsOf(r)).toEqual(['order-test:DPYD']);
  });
});
