import fc from 'fast-check';
import type { Biomarkers, Case, GeneStatus } from '../../src/domain/case.js';
import { evaluate } from '../../src/engine/evaluate.js';
import { allRules } from '../../src/engine/rules/index.js';
import type { EvaluationContext, Recommendation } from '../../src/engine/types.js';
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
  withDiseaseStatus,
  withEcog,
  withGene,
  folfiriSecondLine,
  folfoxLine,
} from '../support/case-builder.js';
import { ctx, factsOf, ids, rec, titled } from '../support/chart-review.js';

/**
 * Checkpoint inhibitors (RC-14 after progression, RC-E3 first line), BRAF V600E (RC-E2) and HER2 (RC-E6).
 * Safety: no checkpoint inhibitor unless MSI-H/dMMR; no cetuximab unless RAS is wild-type.
 */

const folfox = folfoxLine;
const folfiri2 = folfiriSecondLine;
const msiH = withBiomarkers({ msi: msiFinding('MSI-H') });

describe('RC-14 MSI-H/dMMR progressing: checkpoint inhibitor', () => {
  const progressing = (over: Partial<Case> = {}) =>
    aStageIvCase({ ...withEcog(1), ...msiH, ...onLine(folfox(125)), ...withDiseaseStatus('worsened', 6), ...over });

  test.each(
    titled<Case>([
      ['MSI-H, progression on first-line FOLFOX', progressing(), true],
      ['MSI-H, progression after the line ended', progressing(onLine(folfox(300, false))), true],
      ['MSI-H, progression on the second line', progressing(onLines(folfox(330, false), folfiri2(150))), true],
      ['MSS', progressing(withBiomarkers({ msi: msiFinding('MSS') })), false],
      ['MSI unknown: never a checkpoint inhibitor', progressing(withBiomarkers({})), false],
      ['MSI-H, no progression', progressing(withDiseaseStatus('stable', 6)), false],
      ['MSI-H, untreated (no line yet)', aStageIvCase({ ...msiH, ...withDiseaseStatus('worsened', 6) }), false],
      [
        'checkpoint inhibitor already given',
        (() => {
          const c = progressing();
          c.therapy.exposures.push(exposure('pembrolizumab', 200));
          return c;
        })(),
        false,
      ],
    ]),
  )('%s', (_n, c, fires) => {
    expect(ids(c).includes('RC-14')).toBe(fires);
  });

  test('seed rule in both modes; drug names only in extended mode', () => {
    const ext = rec(progressing(), 'RC-14');
    expect(ext?.summary).toBe('MSI-H/dMMR with progression on first-line therapy: offer a checkpoint inhibitor');
    expect(ext?.detail).toMatch(/pembrolizumab; nivolumab/);
    const seed = rec(progressing(), 'RC-14', { ruleSet: 'seed-only' });
    expect(seed?.detail).toMatch(/checkpoint inhibitor/);
    expect(seed?.detail).not.toMatch(/pembrolizumab/);
  });

  test('conflicting MSI results: the MSI-H result is used, and the card says so', () => {
    const r = rec(progressing(withBiomarkers({ msi: msiFinding('MSI-H', true) })), 'RC-14');
    expect(r?.basedOn).toContainEqual(expect.objectContaining({ label: 'MSI/MMR', value: expect.stringMatching(/conflicting results on file; the MSI-H\/dMMR result is used/) }));
    expect(r?.detail).toMatch(/disagree.*confirm/);
  });
});

describe('RC-E3 MSI-H/dMMR first line: checkpoint inhibitor (ext)', () => {
  test.each(
    titled<Case>([
      ['MSI-H, untreated', aStageIvCase({ ...withEcog(1), ...msiH }), true],
      ['MSI-H, on first-line FOLFOX without progression', aStageIvCase({ ...msiH, ...onLine(folfox(60)) }), true],
      ['MSI-H, progression on the first line (RC-14 instead)', aStageIvCase({ ...msiH, ...onLine(folfox(125)), ...withDiseaseStatus('worsened', 6) }), false],
      ['MSI-H, second line', aStageIvCase({ ...msiH, ...onLines(folfox(330, false), folfiri2(150)) }), false],
      ['MSS, untreated', aStageIvCase(withBiomarkers({ msi: msiFinding('MSS') })), false],
      ['MSI unknown, untreated', aStageIvCase(), false],
    ]),
  )('%s', (_n, c, fires) => {
    expect(ids(c).includes('RC-E3')).toBe(fires);
  });

  test('untreated: pembrolizumab (KEYNOTE-177) or nivolumab + ipilimumab, in place of the chemotherapy card', () => {
    const c = aStageIvCase({ ...withEcog(1), ...msiH });
    const r = rec(c, 'RC-E3');
    expect(r?.summary).toBe('MSI-H/dMMR, untreated: first-line checkpoint inhibitor (pembrolizumab) rather than chemotherapy');
    expect(r?.detail).toMatch(/KEYNOTE-177/);
    expect(r?.detail).toMatch(/CheckMate-8HW/);
    expect(r?.detail).toMatch(/preferred to chemotherapy plus a biologic/);
    expect(r?.evidence.citation).toMatch(/KEYNOTE-177.*CheckMate-8HW.*ASCO 2023/);
    // Biomarker-directed therapy outranks the generic first line: no chemotherapy-plus-biologic card beside it.
    expect(ids(c)).not.toEqual(expect.arrayContaining(['RC-02']));
    expect(ids(c)).not.toContain('RC-03');
    expect(ids(c)).not.toContain('RC-E4');
  });

  test('on the first line: consider switching', () => {
    expect(rec(aStageIvCase({ ...msiH, ...onLine(folfox(60)) }), 'RC-E3')?.summary).toBe('MSI-H/dMMR on first-line therapy: consider switching to a checkpoint inhibitor (pembrolizumab)');
  });

  test('seed-only mode: no first-line checkpoint card (V19 documents the gap)', () => {
    expect(ids(aStageIvCase({ ...withEcog(1), ...msiH }), { ruleSet: 'seed-only' })).not.toEqual(expect.arrayContaining(['RC-E3']));
    expect(ids(aStageIvCase({ ...withEcog(1), ...msiH }), { ruleSet: 'seed-only' })).not.toContain('RC-14');
  });

  test('an operator can switch it off by id', () => {
    expect(ids(aStageIvCase(msiH), { disabledRules: new Set(['RC-E3']) })).not.toContain('RC-E3');
  });
});

describe('RC-E2 BRAF V600E: encorafenib + cetuximab (ext)', () => {
  const v600eRasWt = withBiomarkers({ ...rasWildTypeFindings(), braf: brafV600e() });
  const progressing = (over: Partial<Case> = {}) =>
    aStageIvCase({ ...withEcog(1), ...v600eRasWt, ...onLine(folfox(171, false)), ...withDiseaseStatus('worsened', 38), ...over });

  test.each(
    titled<Case>([
      ['RAS wild-type, untreated (BREAKWATER)', aStageIvCase(v600eRasWt), true],
      ['RAS wild-type, progression after a line (BEACON)', progressing(), true],
      ['RAS unconfirmed, untreated: fires to ask for RAS first', aStageIvCase(withBiomarkers({ braf: brafV600e() })), true],
      ['RAS wild-type, on the first line without progression', aStageIvCase({ ...v600eRasWt, ...onLine(folfox(60)) }), false],
      ['KRAS mutant: the regimen contains an anti-EGFR antibody', aStageIvCase(withBiomarkers({ kras: withGene('KRAS', 'mutant', 'p.Gly12Asp'), braf: brafV600e() })), false],
      ['NRAS mutant', aStageIvCase(withBiomarkers({ kras: withGene('KRAS', 'wild-type'), nras: withGene('NRAS', 'mutant', 'p.Gln61Lys'), braf: brafV600e() })), false],
      ['BRAF mutant but not V600E', aStageIvCase(withBiomarkers({ ...rasWildTypeFindings(), braf: { ...withGene('BRAF', 'mutant', 'p.Asp594Gly'), v600e: false } })), false],
      [
        'encorafenib already given',
        (() => {
          const c = progressing();
          c.therapy.exposures.push(exposure('encorafenib', 20));
          return c;
        })(),
        false,
      ],
    ]),
  )('%s', (_n, c, fires) => {
    expect(ids(c).includes('RC-E2')).toBe(fires);
  });

  test('first line: encorafenib + cetuximab + mFOLFOX6', () => {
    const r = rec(aStageIvCase(v600eRasWt), 'RC-E2');
    expect(r?.summary).toBe('BRAF V600E, RAS wild-type, untreated: encorafenib + cetuximab + mFOLFOX6 first line (BREAKWATER)');
    expect(r?.evidence.citation).toMatch(/BREAKWATER.*BEACON \(Kopetz, NEJM 2019\)/);
  });

  test('after a line: encorafenib + cetuximab, with the BRAF, RAS and progression it rests on', () => {
    const r = rec(progressing(), 'RC-E2');
    expect(r?.summary).toBe('BRAF V600E, RAS wild-type, progression on first-line therapy: encorafenib + cetuximab (BEACON)');
    expect(r?.basedOn.map((b) => b.label)).toEqual(['BRAF', 'KRAS', 'NRAS', 'Line 1', 'Disease status', 'ECOG']);
    expect(r?.basedOn[0]?.value).toMatch(/p\.Val600Glu/);
  });

  test.each<[string, Partial<Biomarkers>]>([
    ['RAS never tested', { braf: brafV600e() }],
    ['KRAS wild-type, NRAS unknown', { kras: withGene('KRAS', 'wild-type'), braf: brafV600e() }],
    ['KRAS wild-type on exon 2 only', { kras: withGene('KRAS', 'wild-type', undefined, { exon2Only: true }), nras: withGene('NRAS', 'wild-type'), braf: brafV600e() }],
  ])('RAS unconfirmed (%s): asks for RAS, never names cetuximab', (_n, b) => {
    const r = rec(aStageIvCase(withBiomarkers(b)), 'RC-E2');
    expect(r?.summary).toBe('BRAF V600E, RAS not confirmed wild-type: no encorafenib + anti-EGFR until RAS testing is complete');
    expect(`${r?.summary} ${r?.detail}`).not.toMatch(/cetuximab|panitumumab/i);
    expect(r?.detail).toMatch(/RAS wild-type result/);
  });

  test('MSI-H and untreated: the checkpoint inhibitor comes first', () => {
    const c = aStageIvCase(withBiomarkers({ ...rasWildTypeFindings(), braf: brafV600e(), msi: msiFinding('MSI-H') }));
    expect(rec(c, 'RC-E2')?.detail).toMatch(/checkpoint inhibitor comes first \(see RC-E3\)/);
    expect(ids(c)).toContain('RC-E3');
  });

  test('seed-only mode: no BRAF card', () => {
    expect(ids(aStageIvCase(v600eRasWt), { ruleSet: 'seed-only' })).not.toContain('RC-E2');
  });
});

describe('RC-E6 HER2 amplified: tucatinib + trastuzumab (ext)', () => {
  const her2RasWt = withBiomarkers({ ...rasWildTypeFindings(), her2: her2('amplified') });
  const afterChemo = (over: Partial<Case> = {}) =>
    aStageIvCase({ ...withEcog(1), ...her2RasWt, ...onLines(folfox(430, false), folfiri2(250, false)), ...withDiseaseStatus('worsened', 20), ...over });

  test.each(
    titled<Case>([
      ['RAS wild-type, progression after FP + oxaliplatin and irinotecan', afterChemo(), true],
      ['progression after first-line FOLFOX only', afterChemo(onLine(folfox(200))), true],
      ['HER2 not amplified', afterChemo(withBiomarkers({ ...rasWildTypeFindings(), her2: her2('not-amplified') })), false],
      ['HER2 unknown', afterChemo(withBiomarkers(rasWildTypeFindings())), false],
      ['KRAS mutant', afterChemo(withBiomarkers({ kras: withGene('KRAS', 'mutant', 'p.Gly12Val'), nras: withGene('NRAS', 'wild-type'), her2: her2('amplified') })), false],
      ['RAS unknown', afterChemo(withBiomarkers({ her2: her2('amplified') })), false],
      ['no progression', afterChemo(withDiseaseStatus('stable', 20)), false],
      ['untreated', aStageIvCase(her2RasWt), false],
      ['ECOG 3 (RC-15 suppresses it)', afterChemo(withEcog(3)), false],
      ['only a fluoropyrimidine so far', afterChemo(onLine(line(1, 'fluoropyrimidine', ['capecitabine'], 200))), false],
      [
        'trastuzumab already given',
        (() => {
          const c = afterChemo();
          c.therapy.exposures.push(exposure('trastuzumab', 100));
          return c;
        })(),
        false,
      ],
    ]),
  )('%s', (_n, c, fires) => {
    expect(ids(c).includes('RC-E6')).toBe(fires);
  });

  test('cites MOUNTAINEER and rests on HER2, RAS, the chemotherapy lines and the progression', () => {
    const r = rec(afterChemo(), 'RC-E6');
    expect(r?.summary).toBe('HER2-amplified, RAS wild-type, progression after chemotherapy: consider tucatinib + trastuzumab');
    expect(r?.evidence.citation).toBe('MOUNTAINEER (Strickler, Lancet Oncol 2023)');
    expect(r?.basedOn.map((b) => b.label)).toEqual(['HER2', 'KRAS', 'NRAS', 'Line 1', 'Line 2', 'Disease status', 'ECOG']);
  });
});

describe('safety over random cases: these rules never suggest what the data forbids', () => {
  const MINE = new Set(['RC-06', 'RC-07', 'RC-08', 'RC-09', 'RC-10', 'RC-11', 'RC-12', 'RC-13', 'RC-14', 'RC-15', 'RC-16', 'RC-E2', 'RC-E3', 'RC-E6']);
  const status = fc.constantFrom<GeneStatus>('mutant', 'wild-type', 'unknown');
  const arbitraryCase = fc
    .record({
      kras: status,
      nras: status,
      exon2Only: fc.boolean(),
      braf: fc.constantFrom('v600e', 'wild-type', 'unknown'),
      msi: fc.constantFrom('MSI-H', 'MSS', 'unknown', 'conflict'),
      her2: fc.constantFrom('amplified', 'not-amplified', 'unknown'),
      lines: fc.integer({ min: 0, max: 3 }),
      lastActive: fc.boolean(),
      status: fc.constantFrom('worsened', 'improved', 'stable', 'none'),
      ecog: fc.constantFrom(0, 1, 2, 3, 4, undefined),
    })
    .map((p): Case => {
      const gene = (g: 'KRAS' | 'NRAS', s: GeneStatus) => withGene(g, s, s === 'mutant' ? 'p.Gly12Asp' : undefined, { exon2Only: g === 'KRAS' && p.exon2Only && s === 'wild-type' });
      const regimens = [folfox(400, false), folfiri2(250, false), line(3, 'other', ['regorafenib'], 100, false)].slice(0, p.lines);
      const last = regimens.at(-1);
      if (last) regimens[regimens.length - 1] = { ...last, activeRecord: p.lastActive };
      return aStageIvCase({
        ...withBiomarkers({
          kras: gene('KRAS', p.kras),
          nras: gene('NRAS', p.nras),
          braf: p.braf === 'v600e' ? brafV600e() : p.braf === 'wild-type' ? { ...withGene('BRAF', 'wild-type'), v600e: false } : { ...withGene('BRAF', 'unknown'), v600e: false },
          msi: p.msi === 'unknown' ? { status: 'unknown', conflict: false } : p.msi === 'conflict' ? msiFinding('MSI-H', true) : msiFinding(p.msi),
          her2: p.her2 === 'unknown' ? { status: 'unknown' } : her2(p.her2),
        }),
        ...(regimens.length > 0 ? onLines(...regimens) : {}),
        ...(p.status === 'none' ? {} : withDiseaseStatus(p.status, 10)),
        ...(p.ecog === undefined ? {} : withEcog(p.ecog)),
      });
    });
  const text = (r: Recommendation) => `${r.summary}\n${r.detail}`;

  test.each<EvaluationContext['ruleSet']>(['extended', 'seed-only'])('%s mode', (ruleSet) => {
    fc.assert(
      fc.property(arbitraryCase, (c) => {
        const mine = evaluate(allRules, c, ctx({ ruleSet })).filter((r) => MINE.has(r.ruleId));
        for (const r of mine) {
          if (c.biomarkers.msi.status !== 'MSI-H') expect([r.ruleId, text(r)]).not.toEqual([r.ruleId, expect.stringMatching(/checkpoint|pembrolizumab|nivolumab|ipilimumab/i)]);
          if (!factsOf(c, { ruleSet }).rasWildType) expect([r.ruleId, text(r)]).not.toEqual([r.ruleId, expect.stringMatching(/cetuximab|panitumumab/i)]);
          if (c.performance && c.performance.ecog >= 3) expect(['RC-12', 'RC-13', 'RC-E2', 'RC-E6']).not.toContain(r.ruleId);
          expect(r.summary.length).toBeLessThan(140);
        }
      }),
      { numRuns: 300 },
    );
  });
});
