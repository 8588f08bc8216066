import type { Case } from '../../src/domain/case.js';
import { aStageIvCase, exposure, withEcog, withResectability } from '../support/case-builder.js';
import { actionsOf, drug, idsFor, recsFor, surgery } from '../support/draft-builder.js';

/** RC-36 (checkpoint inhibitor without MSI-H), RC-37 (combination chemotherapy at ECOG >= 3), RC-38 (local therapy first). */

const msi = (status: 'MSI-H' | 'MSS' | 'unknown'): Partial<Case> => {
  const c = aStageIvCase();
  const used = status === 'unknown' ? undefined : { value: status, source: { resourceType: 'Observation', id: 'msi' } };
  return { biomarkers: { ...c.biomarkers, msi: { status, conflict: false, ...(used ? { used } : {}) } } };
};

describe('RC-36: checkpoint inhibitor without MSI-H/dMMR', () => {
  test.each<[string, 'MSI-H' | 'MSS' | 'unknown', string[]]>([
    ['MSS', 'MSS', ['RC-36']],
    ['MSI unknown', 'unknown', ['RC-36']],
    ['MSI-H', 'MSI-H', []],
  ])('%s', (_name, status, expected) => {
    for (const hook of ['order-select', 'order-sign'] as const) expect(idsFor(aStageIvCase(msi(status)), hook, [drug('pembro', ['pembrolizumab'])])).toEqual(expected);
  });

  test('nivolumab + ipilimumab is one problem: one card cancelling both', () => {
    const recs = recsFor(aStageIvCase(msi('MSS')), 'order-sign', [drug('nivo', ['nivolumab']), drug('ipi', ['ipilimumab'])]);
    expect(recs.map((r) => r.ruleId)).toEqual(['RC-36']);
    expect(actionsOf(recs[0])).toEqual(['delete-draft:MedicationRequest/nivo', 'delete-draft:MedicationRequest/ipi']);
  });

  test('unknown: the suggestion orders MSI/MMR testing', () => {
    const [r] = recsFor(aStageIvCase(msi('unknown')), 'order-sign', [drug('nivo', ['nivolumab'])]);
    expect(r?.indicator).toBe('warning');
    expect(actionsOf(r)).toEqual(['delete-draft:MedicationRequest/nivo', 'order-test:MSI']);
  });
});

describe('RC-37: combination chemotherapy at ECOG 3 or worse (order-sign only)', () => {
  const folfoxBev = () => [drug('ox', ['oxaliplatin']), drug('fu', ['fluorouracil']), drug('lv', ['leucovorin']), drug('bev', ['bevacizumab'])];
  test.each<[string, Partial<Case>, ReturnType<typeof drug>[], boolean]>([
    ['FOLFOX + bevacizumab at ECOG 3', withEcog(3), folfoxBev(), true],
    ['FOLFOX ordered as one item at ECOG 4', withEcog(4), [drug('folfox', ['fluorouracil', 'leucovorin', 'oxaliplatin'])], true],
    ['FOLFOX at ECOG 2', withEcog(2), folfoxBev(), false],
    ['FOLFOX, ECOG not documented: silent', {}, folfoxBev(), false],
    ['capecitabine alone at ECOG 3: not a combination', withEcog(3), [drug('cape', ['capecitabine'])], false],
    ['capecitabine + bevacizumab at ECOG 3: not combination chemotherapy', withEcog(3), [drug('cape', ['capecitabine']), drug('bev', ['bevacizumab'])], false],
  ])('%s', (_name, over, drafts, fires) => {
    expect(idsFor(aStageIvCase(over), 'order-sign', drafts).includes('RC-37')).toBe(fires);
  });

  test('one warning for the whole combination, cancelling each of its orders', () => {
    // A DPYD result on file, so that the first-fluoropyrimidine note (RC-E11) stays out of this count.
    const recs = recsFor(aStageIvCase({ ...withEcog(3), dpydTest: { resourceType: 'Observation', id: 'dpyd' } }), 'order-sign', folfoxBev());
    expect(recs.map((r) => [r.ruleId, r.indicator])).toEqual([['RC-37', 'warning']]);
    expect(actionsOf(recs[0])).toHaveLength(4);
  });

  test('not on order-select', () => {
    expect(idsFor(aStageIvCase(withEcog(3)), 'order-select', folfoxBev())).not.toContain('RC-37');
  });
});

describe('RC-38: ablation or embolisation before systemic therapy (order-select only)', () => {
  test.each<[string, Partial<Case>, ReturnType<typeof surgery>, boolean]>([
    ['TACE, unresectable, untreated', withResectability('unresectable'), surgery('tace', 'embolisation'), true],
    ['RFA, resectability not documented (counts as unresectable), untreated', {}, surgery('rfa', 'ablation'), true],
    ['Y-90, unresectable, untreated', withResectability('unresectable'), surgery('y90', 'radioembolisation'), true],
    ['RFA on FOLFOX', { ...withResectability('unresectable'), therapy: { exposures: [exposure('oxaliplatin', 10)], lines: [] } }, surgery('rfa', 'ablation'), false],
    ['RFA, resectable disease', withResectability('resectable'), surgery('rfa', 'ablation'), false],
    ['urgent embolisation (bleeding)', withResectability('unresectable'), surgery('tace', 'embolisation', { emergency: true }), false],
    ['a liver resection is not local therapy', withResectability('unresectable'), surgery('hep', 'liver-resection'), false],
  ])('%s', (_name, over, draft, fires) => {
    expect(idsFor(aStageIvCase(over), 'order-select', [draft]).includes('RC-38')).toBe(fires);
  });

  test('warning that cancels the order; not on order-sign', () => {
    const [r] = recsFor(aStageIvCase(withResectability('unresectable')), 'order-select', [surgery('tace', 'embolisation')]);
    expect(r).toMatchObject({ ruleId: 'RC-38', indicator: 'warning' });
    expect(actionsOf(r)).toEqual(['delete-draft:ServiceRequest/tace']);
    expect(idsFor(aStageIvCase(withResectability('unresectable')), 'order-sign', [surgery('tace', 'embolisation')])).not.toContain('RC-38');
  });
});
