import type { Case } from '../../src/domain/case.js';
import { evaluate } from '../../src/engine/evaluate.js';
import { allRules } from '../../src/engine/rules/index.js';
import type { EvaluationContext } from '../../src/engine/types.js';
import { UNTREATED_WARNING_DAYS } from '../../src/engine/thresholds.js';
import {
  aStageIvCase,
  daysAgo,
  exposure,
  her2,
  withEcog,
  withGene,
  withResectability,
  withSymptom,
} from '../support/case-builder.js';
import { ctx, ids, rec } from '../support/chart-review.js';



const untreatedUnresectable = () => aStageIvCase({ ...withEcog(1), ...withResectability('unresectable') });

describe('scope gate', () => {
  test.each<[string, Partial<Case>]>([
    ['colon cancer', { scope: { kind: 'out-of-scope', reason: 'colon-cancer' } }],
    ['no rectal cancer', { scope: { kind: 'out-of-scope', reason: 'no-rectal-cancer' } }],
    ['deceased patient', { deceased: true }],
  ])('%s: no recommendation at all', (_name, over) => {
    expect(ids(aStageIvCase(over))).toEqual([]);
  });

  test('rectal cancer that is not stage IV gets none of the stage IV rules', () => {
    expect(ids(aStageIvCase({ stageIV: false, metastases: [], stageGroup: undefined }))).toEqual([]);
  });
});

describe('RC-01 tumour board', () => {
  test('fires without a documented MDT review', () => {
    expect(ids(aStageIvCase())).toContain('RC-01');
  });
  test('silent once the MDT review is on record', () => {
    expect(ids(aStageIvCase({ mdtReviews: [{ resourceType: 'Procedure', id: 'mdt' }] }))).not.toContain('RC-01');
  });
});

describe('RC-02 start systemic therapy', () => {
  test.each<[string, Partial<Case>, boolean]>([
    ['untreated, ECOG 1', withEcog(1), true],
    ['untreated, ECOG unknown', {}, true],
    ['untreated, ECOG 2', withEcog(2), true],
    ['untreated, ECOG 3', withEcog(3), false],
    ['obstruction', { symptoms: [withSymptom('obstruction')] }, false],
    ['perforation', { symptoms: [withSymptom('perforation')] }, false],
    ['bleeding does not stop it', { symptoms: [withSymptom('bleeding')] }, true],
    ['oxaliplatin given after the metastatic diagnosis', { therapy: { exposures: [exposure('oxaliplatin', 5)], lines: [] } }, false],
    ['active order counts as therapy', { therapy: { exposures: [exposure('capecitabine', 400, 'order', true)], lines: [] } }, false],
    ['adjuvant therapy long before the metastatic diagnosis does not count', { therapy: { exposures: [exposure('oxaliplatin', 500)], lines: [] } }, true],
    ['leucovorin alone is not therapy', { therapy: { exposures: [exposure('leucovorin', 5)], lines: [] } }, true],
  ])('%s -> fires: %s', (_name, over, fires) => {
    expect(ids(aStageIvCase(over)).includes('RC-02')).toBe(fires);
  });

  test(`info within ${UNTREATED_WARNING_DAYS} days of the metastatic diagnosis, warning after`, () => {
    expect(rec(aStageIvCase({ metastaticDiagnosisDate: daysAgo(UNTREATED_WARNING_DAYS) }), 'RC-02')?.indicator).toBe('info');
    const late = rec(aStageIvCase({ metastaticDiagnosisDate: daysAgo(UNTREATED_WARNING_DAYS + 1) }), 'RC-02');
    expect(late?.indicator).toBe('warning');
    expect(late?.overrideReasons.length).toBeGreaterThan(0);
    expect(late?.detail).toContain(`${UNTREATED_WARNING_DAYS} days`);
  });

  test('unknown ECOG is said, not assumed', () => {
    expect(rec(aStageIvCase(), 'RC-02')?.detail).toMatch(/Performance status not documented/);
    expect(rec(aStageIvCase(), 'RC-02')?.basedOn).toContainEqual(expect.objectContaining({ label: 'Performance status' }));
  });

  test('seed-only mode leaves out the ext alternatives', () => {
    expect(rec(aStageIvCase(), 'RC-02', { ruleSet: 'seed-only' })?.detail).not.toMatch(/FOLFOXIRI/);
    expect(rec(aStageIvCase(), 'RC-02')?.detail).toMatch(/FOLFOXIRI/);
  });
});

describe('RC-03 biologic by RAS status (never an anti-EGFR unless RAS wild-type)', () => {
  const anti = /cetuximab \/ panitumumab\*\*|\*\*cetuximab/;
  test('KRAS mutant: bevacizumab only, anti-EGFR named as contraindicated', () => {
    const c = aStageIvCase({ biomarkers: { ...aStageIvCase().biomarkers, kras: withGene('KRAS', 'mutant', 'p.Gly12Asp') } });
    const r = rec(c, 'RC-03');
    expect(r?.summary).toMatch(/KRAS p\.Gly12Asp mutant: bevacizumab/);
    expect(r?.detail).toMatch(/do not work/);
    expect(r?.detail).not.toMatch(anti);
  });
  test('RAS unknown: bevacizumab, anti-EGFR only after a wild-type result', () => {
    const r = rec(aStageIvCase(), 'RC-03');
    expect(r?.summary).toMatch(/not confirmed/);
    expect(r?.detail).not.toMatch(anti);
  });
  test('extended mode: KRAS wild-type but NRAS unknown is not RAS wild-type', () => {
    const c = aStageIvCase({ biomarkers: { ...aStageIvCase().biomarkers, kras: withGene('KRAS', 'wild-type') } });
    expect(rec(c, 'RC-03')?.detail).not.toMatch(anti);
    expect(rec(c, 'RC-03', { ruleSet: 'seed-only' })?.detail).toMatch(anti);
  });
  test('extended mode: NRAS mutant excludes anti-EGFR', () => {
    const b = aStageIvCase().biomarkers;
    const c = aStageIvCase({ biomarkers: { ...b, kras: withGene('KRAS', 'wild-type'), nras: withGene('NRAS', 'mutant', 'p.Gln61Lys') } });
    expect(rec(c, 'RC-03')?.summary).toMatch(/NRAS p\.Gln61Lys mutant/);
  });
  test('KRAS wild-type on exon 2 only is incomplete in extended mode', () => {
    const b = aStageIvCase().biomarkers;
    const c = aStageIvCase({ biomarkers: { ...b, kras: withGene('KRAS', 'wild-type', undefined, { exon2Only: true }), nras: withGene('NRAS', 'wild-type') } });
    expect(rec(c, 'RC-03')?.detail).not.toMatch(anti);
  });
  test('complete RAS wild-type: anti-EGFR is an option, never with bevacizumab', () => {
    const b = aStageIvCase().biomarkers;
    const c = aStageIvCase({ biomarkers: { ...b, kras: withGene('KRAS', 'wild-type'), nras: withGene('NRAS', 'wild-type') } });
    expect(rec(c, 'RC-03')?.detail).toMatch(anti);
    expect(rec(c, 'RC-03')?.detail).toMatch(/Never give bevacizumab and an anti-EGFR antibody together/);
  });
  test('does not fire once therapy has started', () => {
    expect(ids(aStageIvCase({ therapy: { exposures: [exposure('oxaliplatin', 3)], lines: [] } }))).not.toContain('RC-03');
  });
});

describe('RC-04 biomarker testing', () => {
  const tests = (c: Case, mode: EvaluationContext['ruleSet'] = 'extended') =>
    rec(c, 'RC-04', { ruleSet: mode })?.suggestions.flatMap((s) => s.actions.map((a) => (a.type === 'order-test' ? a.test : a.type)));

  test('nothing known: extended RAS, BRAF and MSI, one order each', () => {
    expect(tests(aStageIvCase())).toEqual(['RAS-extended', 'BRAF', 'MSI']);
  });
  test('seed-only: KRAS only', () => {
    expect(tests(aStageIvCase(), 'seed-only')).toEqual(['KRAS']);
  });
  test('KRAS mutant: no RAS or BRAF test, MSI still missing', () => {
    const c = aStageIvCase({ biomarkers: { ...aStageIvCase().biomarkers, kras: withGene('KRAS', 'mutant', 'p.Gly12Asp') } });
    expect(tests(c)).toEqual(['MSI']);
    expect(ids(c, { ruleSet: 'seed-only' })).not.toContain('RC-04');
  });
  test('KRAS wild-type exon 2 only: extended RAS', () => {
    const c = aStageIvCase({ biomarkers: { ...aStageIvCase().biomarkers, kras: withGene('KRAS', 'wild-type', undefined, { exon2Only: true }) } });
    expect(tests(c)).toEqual(['RAS-extended', 'BRAF', 'MSI']);
  });
  const allWildTypeMss = (over: Partial<Case['biomarkers']> = {}) =>
    aStageIvCase({
      biomarkers: {
        ...aStageIvCase().biomarkers,
        kras: withGene('KRAS', 'wild-type'),
        nras: withGene('NRAS', 'wild-type'),
        braf: { ...withGene('BRAF', 'wild-type'), v600e: false },
        msi: { status: 'MSS', conflict: false, used: { value: 'MSS', source: { resourceType: 'Observation', id: 'msi' } } },
        ...over,
      },
    });
  test('RAS and BRAF wild-type, MSS, HER2 unknown: HER2 only (the text names only what is missing)', () => {
    expect(tests(allWildTypeMss())).toEqual(['HER2']);
    const detail = rec(allWildTypeMss(), 'RC-04')?.detail ?? '';
    expect(detail).not.toMatch(/\*\*(KRAS|NRAS|BRAF|MSI|extended RAS)/);
    expect(detail).not.toMatch(/Until RAS is known/);
  });
  test('HER2 is not asked for in RAS-mutant disease', () => {
    expect(tests(allWildTypeMss({ kras: withGene('KRAS', 'mutant', 'p.Gly12Asp') }))).toBeUndefined();
  });
  test('MSI-H: germline (Lynch) testing unless already on record', () => {
    const msiH = { msi: { status: 'MSI-H' as const, conflict: false, used: { value: 'MSI-H' as const, source: { resourceType: 'Observation' as const, id: 'msi' } } } };
    expect(tests(allWildTypeMss({ ...msiH, her2: her2('not-amplified') }))).toEqual(['germline']);
    const tested = { ...allWildTypeMss({ ...msiH, her2: her2('not-amplified') }), germlineTesting: { resourceType: 'ServiceRequest', id: 'gen', date: daysAgo(30) } };
    expect(ids(tested)).not.toContain('RC-04');
  });
  test('everything known: silent', () => {
    expect(ids(allWildTypeMss({ her2: her2('not-amplified') }))).not.toContain('RC-04');
  });
});

describe('RC-05 asymptomatic primary', () => {
  test('fires for an untreated asymptomatic primary with unresectable metastases', () => {
    expect(ids(untreatedUnresectable())).toContain('RC-05');
  });
  test('absent resectability counts as unresectable', () => {
    expect(ids(aStageIvCase())).toContain('RC-05');
  });
  test.each<[string, Partial<Case>]>([
    ['resectable metastases', withResectability('resectable')],
    ['potentially resectable', withResectability('potentially-resectable')],
    ['bleeding primary', { symptoms: [withSymptom('bleeding')] }],
    ['primary already resected', { primaryResected: true }],
    ['therapy started', { therapy: { exposures: [exposure('irinotecan', 4)], lines: [] } }],
  ])('silent: %s', (_n, over) => {
    expect(ids(aStageIvCase(over))).not.toContain('RC-05');
  });
});

describe('RC-24 and operator switches', () => {
  test('every stage IV case is offered trials', () => {
    expect(ids(aStageIvCase({ mdtReviews: [{ resourceType: 'Procedure', id: 'm' }] }))).toContain('RC-24');
  });
  test('an operator can disable single rules', () => {
    expect(ids(aStageIvCase(), { disabledRules: new Set(['RC-24', 'RC-01']) })).not.toEqual(expect.arrayContaining(['RC-24']));
    expect(ids(aStageIvCase(), { disabledRules: new Set(['RC-24', 'RC-01']) })).not.toContain('RC-01');
  });
  test('rules for another hook do not run', () => {
    expect(ids(aStageIvCase(), { hook: 'order-sign' })).toEqual([]);
  });
});

test('V01-like case: RC-01, RC-02, RC-03, RC-05, RC-24 and RC-04 for MSI only when MSS is unknown; most severe first', () => {
  const b = aStageIvCase().biomarkers;
  const c = aStageIvCase({
    ...withEcog(1),
    ...withResectability('unresectable'),
    biomarkers: { ...b, kras: withGene('KRAS', 'mutant', 'p.Gly12Asp'), msi: { status: 'MSS', conflict: false } },
  });
  expect(ids(c).sort()).toEqual(['RC-01', 'RC-02', 'RC-03', 'RC-05', 'RC-24']);
  const order = evaluate(allRules, aStageIvCase({ metastaticDiagnosisDate: daysAgo(100) }), ctx()).map((r) => r.indicator);
  expect(order[0]).toBe('warning');
});
