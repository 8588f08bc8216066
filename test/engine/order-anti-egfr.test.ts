import type { Case } from '../../src/domain/case.js';
import { aStageIvCase, daysAgo, exposure, withGene } from '../support/case-builder.js';
import { actionsOf, drug, idsFor, recsFor, surgery } from '../support/draft-builder.js';

/** RC-30 (anti-EGFR, RAS mutant), RC-31 (anti-EGFR, RAS unknown), RC-E7 (KRAS G12C exception). */

const biomarkers = (c: Case, over: Partial<Case['biomarkers']>): Partial<Case> => ({ biomarkers: { ...c.biomarkers, ...over } });
const withRas = (kras: Parameters<typeof withGene>, nras?: Parameters<typeof withGene>): Case => {
  const c = aStageIvCase();
  return { ...c, ...biomarkers(c, { kras: withGene(...kras), ...(nras ? { nras: withGene(...nras) } : {}) }) };
};
const cetuximab = drug('cetux', ['cetuximab']);
const panitumumab = drug('pani', ['panitumumab']);

describe('RC-30 / RC-31 by RAS status', () => {
  test.each<[string, 'extended' | 'seed-only', Case, string[]]>([
    ['KRAS G12D', 'extended', withRas(['KRAS', 'mutant', 'p.Gly12Asp']), ['RC-30']],
    ['KRAS G12D, seed-only', 'seed-only', withRas(['KRAS', 'mutant', 'p.Gly12Asp']), ['RC-30']],
    ['KRAS wt, NRAS Q61K (RC-E1)', 'extended', withRas(['KRAS', 'wild-type'], ['NRAS', 'mutant', 'p.Gln61Lys']), ['RC-30']],
    ['KRAS wt, NRAS Q61K, seed-only: the seeds know KRAS only', 'seed-only', withRas(['KRAS', 'wild-type'], ['NRAS', 'mutant', 'p.Gln61Lys']), []],
    ['KRAS unknown: unknown is not wild-type', 'extended', aStageIvCase(), ['RC-31']],
    ['KRAS unknown, seed-only', 'seed-only', aStageIvCase(), ['RC-31']],
    ['KRAS wt, NRAS unknown: incomplete RAS (RC-E1)', 'extended', withRas(['KRAS', 'wild-type']), ['RC-31']],
    ['KRAS wt, NRAS unknown, seed-only: wild-type enough', 'seed-only', withRas(['KRAS', 'wild-type']), []],
    ['KRAS wt exon 2 only, NRAS wt: incomplete', 'extended', withRas(['KRAS', 'wild-type', undefined, { exon2Only: true }], ['NRAS', 'wild-type']), ['RC-31']],
    ['KRAS and NRAS wild-type', 'extended', withRas(['KRAS', 'wild-type'], ['NRAS', 'wild-type']), []],
  ])('%s (%s)', (_name, ruleSet, c, expected) => {
    for (const hook of ['order-select', 'order-sign'] as const) expect(idsFor(c, hook, [cetuximab], { ruleSet })).toEqual(expected);
  });
});

describe('RC-30 card', () => {
  const mutant = withRas(['KRAS', 'mutant', 'p.Gly12Asp']);

  test('critical, names the order and the variant, suggests cancelling it for bevacizumab', () => {
    const [r] = recsFor(mutant, 'order-select', [cetuximab]);
    expect(r).toMatchObject({ ruleId: 'RC-30', indicator: 'critical' });
    expect(r?.summary).toMatch(/Cetuximab .*KRAS p\.Gly12Asp/);
    expect(r?.basedOn[0]).toMatchObject({ source: { resourceType: 'MedicationRequest', id: 'cetux' } });
    expect(actionsOf(r)).toEqual(['delete-draft:MedicationRequest/cetux', 'order-drug:bevacizumab']);
    expect(r?.overrideReasons).toContain('result-disputed');
  });

  test('one card per offending draft, none for the chemotherapy beside it', () => {
    const recs = recsFor(mutant, 'order-sign', [drug('ox', ['oxaliplatin']), cetuximab, panitumumab]);
    expect(recs.map((r) => [r.ruleId, actionsOf(r)[0]])).toEqual([
      ['RC-30', 'delete-draft:MedicationRequest/cetux'],
      ['RC-30', 'delete-draft:MedicationRequest/pani'],
    ]);
  });

  test('order-select: a cetuximab drafted earlier but not selected is context, not judged', () => {
    expect(idsFor(mutant, 'order-select', [drug('cetux', ['cetuximab'], { selected: false }), drug('ox', ['oxaliplatin'])])).toEqual([]);
  });

  test('a conflict between results is named and the mutant one is used', () => {
    const c = { ...mutant, ...biomarkers(mutant, { kras: { ...withGene('KRAS', 'mutant', 'p.Gly13Asp'), conflict: true } }) };
    const [r] = recsFor(c, 'order-select', [cetuximab]);
    expect(r?.detail).toMatch(/Conflicting KRAS results .* mutant result is used.*tumour board/s);
  });

  test.each<[string, Partial<Case>, Parameters<typeof drug>[]]>([
    ['bevacizumab already running', { therapy: { exposures: [exposure('bevacizumab', 5)], lines: [] } }, []],
    ['bevacizumab already drafted', {}, [['bev', ['bevacizumab']]]],
    ['hepatectomy 10 days ago (RC-E10)', { procedures: [{ kind: 'liver-resection', status: 'done', emergency: false, date: daysAgo(10), source: { resourceType: 'Procedure', id: 'hep' } }] }, []],
    ['ECOG 3', { performance: { ecog: 3, from: 'ECOG', date: daysAgo(3), source: { resourceType: 'Observation', id: 'e' } } }, []],
    ['bleeding primary', { symptoms: [{ symptom: 'bleeding', source: { resourceType: 'Condition', id: 'b' } }] }, []],
  ])('no bevacizumab suggested when %s: the suggestion only cancels', (_name, over, extra) => {
    const recs = recsFor({ ...mutant, ...over }, 'order-sign', [cetuximab, ...extra.map((a) => drug(...a))]);
    const r = recs.find((x) => x.ruleId === 'RC-30');
    expect(actionsOf(r)).toEqual(['delete-draft:MedicationRequest/cetux']);
  });

  test('no bevacizumab suggested with elective surgery drafted within 6 weeks', () => {
    const r = recsFor(mutant, 'order-sign', [cetuximab, surgery('apr', 'primary-resection', { plannedDate: daysAgo(-20) })]).find((x) => x.ruleId === 'RC-30');
    expect(actionsOf(r)).toEqual(['delete-draft:MedicationRequest/cetux']);
    expect(r?.detail).toMatch(/not suggested now: elective surgery planned within 6 weeks/);
  });
});

describe('RC-31 card', () => {
  test('warning with RAS (+BRAF) test orders and bevacizumab meanwhile', () => {
    const [r] = recsFor(aStageIvCase(), 'order-select', [panitumumab]);
    expect(r).toMatchObject({ ruleId: 'RC-31', indicator: 'warning' });
    expect(actionsOf(r)).toEqual(['delete-draft:MedicationRequest/pani', 'order-test:RAS-extended', 'order-test:BRAF', 'order-drug:bevacizumab']);
  });

  test('seed-only: the KRAS test', () => {
    const [r] = recsFor(aStageIvCase(), 'order-select', [panitumumab], { ruleSet: 'seed-only' });
    expect(actionsOf(r)).toEqual(['delete-draft:MedicationRequest/pani', 'order-test:KRAS', 'order-drug:bevacizumab']);
  });
});

describe('RC-E7: KRAS G12C inhibitor with the anti-EGFR', () => {
  const g12c = (lines: number): Case => {
    const c = withRas(['KRAS', 'mutant', 'p.Gly12Cys']);
    const line = { number: 1, regimen: 'FOLFOX' as const, drugs: ['oxaliplatin' as const], activeRecord: false };
    return { ...c, therapy: { exposures: [], lines: Array.from({ length: lines }, (_, i) => ({ ...line, number: i + 1 })) } };
  };
  const sotorasib = drug('soto', ['sotorasib']);

  test.each<[string, Case, Parameters<typeof drug>[], 'extended' | 'seed-only', string[]]>([
    ['after two lines, drafted together: info, RC-30 suppressed', g12c(2), [['soto', ['sotorasib']], ['pani', ['panitumumab']]], 'extended', ['RC-E7']],
    ['no prior line: no exception', g12c(0), [['soto', ['sotorasib']], ['pani', ['panitumumab']]], 'extended', ['RC-30']],
    ['anti-EGFR alone: RC-30', g12c(2), [['pani', ['panitumumab']]], 'extended', ['RC-30']],
    ['seed-only: no exception', g12c(2), [['soto', ['sotorasib']], ['pani', ['panitumumab']]], 'seed-only', ['RC-30']],
    ['G12D is not G12C', withRas(['KRAS', 'mutant', 'p.Gly12Asp']), [['soto', ['sotorasib']], ['pani', ['panitumumab']]], 'extended', ['RC-30']],
  ])('%s', (_name, c, drafts, ruleSet, expected) => {
    expect(idsFor(c, 'order-select', drafts.map((a) => drug(...a)), { ruleSet })).toEqual(expected);
  });

  test('order-select with only the inhibitor selected still names the pair', () => {
    const recs = recsFor(g12c(2), 'order-select', [sotorasib, drug('pani', ['panitumumab'], { selected: false })]);
    expect(recs.map((r) => [r.ruleId, r.indicator])).toEqual([['RC-E7', 'info']]);
    expect(recs[0]?.summary).toMatch(/sotorasib \+ panitumumab/);
  });
});
