import type { Case, Drug, TherapyLine } from '../../src/domain/case.js';
import { RESTAGING_AFTER_CYCLES, RESTAGING_AFTER_DAYS } from '../../src/engine/thresholds.js';
import {
  aStageIvCase,
  brafV600e,
  exposure,
  her2,
  line,
  msiFinding,
  onLine,
  onLines,
  rasWildTypeFindings,
  withBiomarkers,
  withCea,
  withDiseaseStatus,
  withEcog,
  withGene,
  withImaging,
  folfiriSecondLine,
  folfoxLine,
} from '../support/case-builder.js';
import { ids, rec, titled } from '../support/chart-review.js';

/** Restaging on therapy (RC-10) and therapy after progression (RC-12 second line, RC-13 later lines). */

const folfox = folfoxLine;
const folfiri2 = folfiriSecondLine;

describe('RC-10 re-stage on therapy', () => {
  const on = (startDays: number, over: Partial<Case> = {}) => aStageIvCase({ ...onLine(folfox(startDays)), ...over });
  test.each(
    titled<Case>([
      [`line started ${RESTAGING_AFTER_DAYS} days ago, no imaging at all`, on(RESTAGING_AFTER_DAYS), true],
      ['line started 50 days ago, last CT before it', on(50, withImaging(58)), true],
      ['baseline CT on the first day of the line does not count as restaging', on(50, withImaging(50)), true],
      [`line started ${RESTAGING_AFTER_DAYS - 1} days ago: too early`, on(RESTAGING_AFTER_DAYS - 1), false],
      ['CT after the line started', on(80, withImaging(9)), false],
      ['disease status documented after the line started (restaging was done)', on(80, withDiseaseStatus('stable', 10)), false],
      ['no therapy', aStageIvCase(), false],
      [
        `undated line with ${RESTAGING_AFTER_CYCLES} cycles`,
        aStageIvCase({ therapy: { exposures: [], lines: [{ number: 1, regimen: 'FOLFOX', drugs: ['oxaliplatin'], administrationDays: RESTAGING_AFTER_CYCLES, activeRecord: true }] } }),
        true,
      ],
      [
        `undated line with ${RESTAGING_AFTER_CYCLES - 1} cycles`,
        aStageIvCase({ therapy: { exposures: [], lines: [{ number: 1, regimen: 'FOLFOX', drugs: ['oxaliplatin'], administrationDays: RESTAGING_AFTER_CYCLES - 1, activeRecord: true }] } }),
        false,
      ],
    ]),
  )('%s', (_n, c, fires) => {
    expect(ids(c).includes('RC-10')).toBe(fires);
  });

  test('the second line is judged on its own start: a CT during the first line does not cover it', () => {
    const c = aStageIvCase({ ...onLines(folfox(300, false), folfiri2(60)), ...withImaging(100) });
    expect(ids(c)).toContain('RC-10');
    expect(rec(c, 'RC-10')?.summary).toMatch(/^Second-line therapy started 60 days ago/);
  });

  test('one suggestion ordering both a restaging CT and a CEA', () => {
    const r = rec(on(50, withImaging(58)), 'RC-10');
    expect(r?.indicator).toBe('info');
    expect(r?.summary).toBe('First-line therapy started 50 days ago, no CT/MRI since: re-stage with CT or MRI and CEA');
    expect(r?.suggestions).toHaveLength(1);
    expect(r?.suggestions[0]?.actions.map((a) => (a.type === 'order-test' ? a.test : a.type))).toEqual(['CT-restaging', 'CEA']);
    expect(r?.detail).toContain(`${RESTAGING_AFTER_DAYS} days (6 weeks)`);
    expect(r?.basedOn).toContainEqual(expect.objectContaining({ label: 'Last CT/MRI', value: 'before the current line' }));
  });
});

describe('RC-12 progression on the first line: second line', () => {
  const progressing = (over: Partial<Case> = {}) =>
    aStageIvCase({ ...withEcog(1), ...onLine(folfox(180)), ...withDiseaseStatus('worsened', 5), ...over });
  const ceaRising = withCea([[185, 7], [90, 5], [45, 12], [5, 25]]);

  test.each(
    titled<Case>([
      ['disease status worsened on FOLFOX', progressing(), true],
      ['CEA rising (two rises, >= 125% of nadir, above normal)', progressing({ diseaseStatus: undefined, ...ceaRising }), true],
      ['progression after the first line ended', progressing(onLine(folfox(300, false))), true],
      ['ECOG 2', progressing(withEcog(2)), true],
      ['ECOG unknown', progressing({ performance: undefined }), true],
      ['ECOG 3', progressing(withEcog(3)), false],
      ['stable disease', progressing(withDiseaseStatus('stable', 5)), false],
      ['worsening recorded before the line started', progressing(withDiseaseStatus('worsened', 200)), false],
      ['untreated patient with a rising CEA (no line yet)', aStageIvCase({ ...ceaRising }), false],
      ['second line already running (RC-13 territory)', progressing(onLines(folfox(300, false), folfiri2(120))), false],
    ]),
  )('%s', (_n, c, fires) => {
    expect(ids(c).includes('RC-12')).toBe(fires);
  });

  test.each<[string, TherapyLine['regimen'], Drug[], RegExp, RegExp]>([
    ['after FOLFOX', 'FOLFOX', ['fluorouracil', 'oxaliplatin'], /FOLFIRI-based/, /from oxaliplatin to irinotecan/],
    ['after CAPOX', 'CAPOX', ['capecitabine', 'oxaliplatin'], /FOLFIRI-based/, /from oxaliplatin to irinotecan/],
    ['after FOLFIRI', 'FOLFIRI', ['fluorouracil', 'irinotecan'], /FOLFOX-based/, /from irinotecan to oxaliplatin/],
    ['after FOLFOXIRI', 'FOLFOXIRI', ['fluorouracil', 'oxaliplatin', 'irinotecan'], /choose the second line at the MDT/, /both been given/],
    ['after first-line pembrolizumab', 'other', ['pembrolizumab'], /FOLFOX or FOLFIRI/, /chemotherapy doublet/],
  ])('switches the backbone %s', (_n, regimen, drugs, summary, detail) => {
    const r = rec(progressing(onLine(line(1, regimen, drugs, 150))), 'RC-12');
    expect(r?.summary).toMatch(summary);
    expect(r?.detail).toMatch(detail);
  });

  test('warning, naming the first line and the progression it rests on', () => {
    const r = rec(progressing(ceaRising), 'RC-12');
    expect(r?.indicator).toBe('warning');
    expect(r?.summary).toBe('Progression on first-line FOLFOX: second-line FOLFIRI-based therapy');
    expect(r?.basedOn).toContainEqual(expect.objectContaining({ label: 'CEA', value: 'rising to 25 ng/mL, nadir 5' }));
    expect(r?.basedOn).toContainEqual(expect.objectContaining({ label: 'Disease status', value: 'worsened (progression)' }));
    expect(r?.overrideReasons.length).toBeGreaterThan(0);
  });

  test.each<[string, Partial<Case>, RegExp | undefined]>([
    ['ECOG 1: no caveat', withEcog(1), undefined],
    ['ECOG 2: benefit against toxicity', withEcog(2), /ECOG 2: weigh the benefit of second-line therapy against its toxicity/],
    ['ECOG unknown: said, not assumed', { performance: undefined }, /Performance status not documented/],
  ])('performance caveat, %s', (_n, over, caveat) => {
    const detail = rec(progressing(over), 'RC-12')?.detail ?? '';
    if (caveat) expect(detail).toMatch(caveat);
    else expect(detail).not.toMatch(/Performance status not documented|ECOG \d:/);
  });

  test('MSI-H: the checkpoint inhibitor card (RC-14) replaces it and takes its warning', () => {
    const c = progressing(withBiomarkers({ msi: msiFinding('MSI-H') }));
    expect(ids(c)).not.toContain('RC-12');
    const r = rec(c, 'RC-14');
    expect(r?.indicator).toBe('warning');
    expect(r?.detail).toMatch(/pembrolizumab/i);
  });

  test.each<[string, Partial<Case>, RegExp, RegExp | undefined]>([
    ['KRAS mutant: no anti-EGFR, says why', withBiomarkers({ kras: withGene('KRAS', 'mutant', 'p.Gly12Ser') }), /no anti-EGFR antibody \(KRAS p\.Gly12Ser mutant\)/, undefined],
    ['RAS unknown: only after a wild-type result', {}, /anti-EGFR antibody only after a RAS wild-type result/, undefined],
    ['RAS wild-type: anti-EGFR is an option', withBiomarkers(rasWildTypeFindings()), /or an anti-EGFR antibody if none was given first line/, undefined],
    [
      'RAS wild-type with BRAF V600E: anti-EGFR only with encorafenib',
      withBiomarkers({ ...rasWildTypeFindings(), braf: brafV600e() }),
      /with BRAF V600E an anti-EGFR antibody is given with encorafenib/,
      /if none was given first line/,
    ],
  ])('biologic by RAS status, %s', (_n, over, present, absent) => {
    // With RC-E2 on, BRAF V600E progression gets the encorafenib card instead; switched off, RC-12 must still
    // not offer the anti-EGFR antibody alone.
    const detail = rec(progressing(over), 'RC-12', { disabledRules: new Set(['RC-E2']) })?.detail ?? '';
    expect(detail).toMatch(present);
    if (absent) expect(detail).not.toMatch(absent);
  });
});

describe('RC-13 progression after two or more lines: later lines', () => {
  const afterTwo = (over: Partial<Case> = {}) =>
    aStageIvCase({ ...withEcog(1), ...onLines(folfox(330, false), folfiri2(180)), ...withDiseaseStatus('worsened', 4), ...over });

  test.each(
    titled<Case>([
      ['progression on the second line', afterTwo(), true],
      ['ECOG unknown', afterTwo({ performance: undefined }), true],
      ['ECOG 3', afterTwo(withEcog(3)), false],
      ['no progression on the second line', afterTwo(withDiseaseStatus('improved', 4)), false],
      ['the progression that ended the first line does not count again', afterTwo(withDiseaseStatus('worsened', 200)), false],
    ]),
  )('%s', (_n, c, fires) => {
    expect(ids(c).includes('RC-13')).toBe(fires);
  });

  test('extended mode lists the later-line options; seed-only keeps to the seed text', () => {
    const ext = rec(afterTwo(), 'RC-13');
    expect(ext?.summary).toBe('Progression after 2 lines of therapy: third-line options for fit patients, or a clinical trial');
    expect(ext?.detail).toMatch(/Trifluridine\/tipiracil \+ bevacizumab\*\* \(SUNLIGHT\)/);
    expect(ext?.detail).toMatch(/Regorafenib\*\* \(CORRECT\)/);
    expect(ext?.detail).toMatch(/Fruquintinib\*\* \(FRESCO-2\)/);
    const seed = rec(afterTwo(), 'RC-13', { ruleSet: 'seed-only' });
    expect(seed?.detail).toMatch(/selected patients in good performance status/);
    expect(seed?.detail).not.toMatch(/Regorafenib|Fruquintinib|Trifluridine/);
  });

  test('an agent already given is not offered again', () => {
    const c = afterTwo();
    c.therapy.exposures.push(exposure('regorafenib', 20));
    expect(rec(c, 'RC-13')?.detail).not.toMatch(/Regorafenib/);
  });

  test('biomarker-directed options are pointed to only when they apply', () => {
    const plain = rec(afterTwo(), 'RC-13')?.detail ?? '';
    expect(plain).not.toMatch(/RC-14|RC-E2|RC-E6/);
    const her2Amp = rec(afterTwo(withBiomarkers({ ...rasWildTypeFindings(), her2: her2('amplified') })), 'RC-13')?.detail ?? '';
    expect(her2Amp).toMatch(/HER2 amplified: HER2-directed therapy \(see RC-E6\)/);
  });

  test('ECOG 2 caveat, and three lines are "later-line"', () => {
    const three = aStageIvCase({
      ...withEcog(2),
      ...onLines(folfox(500, false), folfiri2(330, false), line(3, 'other', ['trifluridine-tipiracil', 'bevacizumab'], 120)),
      ...withDiseaseStatus('worsened', 4),
    });
    const r = rec(three, 'RC-13');
    expect(r?.summary).toMatch(/after 3 lines of therapy: later-line options/);
    expect(r?.detail).toMatch(/ECOG 2: weigh the benefit of later-line therapy/);
    expect(r?.detail).not.toMatch(/Trifluridine/);
  });
});
