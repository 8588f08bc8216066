import type { Case, ProcedureFact } from '../../src/domain/case.js';
import { allRules } from '../../src/engine/rules/index.js';
import { validateRules } from '../../src/engine/validate-rules.js';
import { aStageIvCase, daysAgo, exposure, withGene } from '../support/case-builder.js';
import { actionsOf, drug, idsFor, recsFor } from '../support/draft-builder.js';

/** RC-E5 in the order hooks (two biologics) and RC-E10 (bevacizumab soon after major surgery). */

const rasWt = (over: Partial<Case> = {}): Case => {
  const c = aStageIvCase(over);
  return { ...c, biomarkers: { ...c.biomarkers, kras: withGene('KRAS', 'wild-type'), nras: withGene('NRAS', 'wild-type') } };
};
/** At order entry "running" means an active order (a dose `days` ago under it). */
const running = (d: 'bevacizumab' | 'cetuximab', days = 3): Partial<Case> => ({ therapy: { exposures: [exposure(d, days, 'order', true)], lines: [] } });
/** Given `days` ago, and its order since stopped or completed: a line being replaced. */
const given = (d: 'bevacizumab' | 'cetuximab' | 'panitumumab', days = 3): Partial<Case> => ({
  therapy: { exposures: [{ ...exposure(d, days, 'order', false), stopped: true }], lines: [] },
});
const bev = (o = {}) => drug('bev', ['bevacizumab'], o);
const cetux = (o = {}) => drug('cetux', ['cetuximab'], o);

describe('RC-E5 (order hooks): one biologic ordered beside the other', () => {
  test.each<[string, Partial<Case>, ReturnType<typeof drug>[], string[]]>([
    ['cetuximab drafted, bevacizumab given 3 days ago', running('bevacizumab'), [cetux()], ['RC-E5']],
    ['bevacizumab drafted, cetuximab given 3 days ago', running('cetuximab'), [bev()], ['RC-E5']],
    ['both drafted together', {}, [bev(), cetux()], ['RC-E5']],
    ['bevacizumab selected, cetuximab drafted earlier (context)', {}, [bev(), cetux({ selected: false })], ['RC-E5']],
    ['bevacizumab given 3 days ago, its order stopped: a line change, not a combination', given('bevacizumab'), [cetux()], []],
    ['panitumumab given 10 days ago, its order stopped; bevacizumab drafted with FOLFIRI (line change)', given('panitumumab', 10), [bev(), drug('iri', ['irinotecan'])], []],
    ['bevacizumab given 3 days ago (administration only, no active order): not running at order entry', { therapy: { exposures: [exposure('bevacizumab', 3)], lines: [] } }, [cetux()], []],
    ['cetuximab alone, no bevacizumab anywhere', {}, [cetux()], []],
    ['neither biologic selected', running('bevacizumab'), [cetux({ selected: false }), drug('ox', ['oxaliplatin'])], []],
  ])('%s', (_name, over, drafts, expected) => {
    expect(idsFor(rasWt(over), 'order-sign', drafts).filter((id) => id === 'RC-E5')).toEqual(expected);
    expect(idsFor(rasWt(over), 'order-select', drafts).filter((id) => id === 'RC-E5')).toEqual(expected);
  });

  test('one card for the pair, critical, whichever order is judged', () => {
    const recs = recsFor(rasWt(), 'order-sign', [bev(), cetux()]).filter((r) => r.ruleId === 'RC-E5');
    expect(recs).toHaveLength(1);
    expect(recs[0]?.indicator).toBe('critical');
  });

  test.each<[string, Case, ReturnType<typeof drug>[], string[][]]>([
    ['bevacizumab running: cancel the cetuximab order', rasWt(running('bevacizumab')), [cetux()], [['delete-draft:MedicationRequest/cetux']]],
    [
      'RAS wild-type, both drafted: keep either one',
      rasWt(),
      [bev(), cetux()],
      [['delete-draft:MedicationRequest/cetux'], ['delete-draft:MedicationRequest/bev']],
    ],
    ['RAS unknown, both drafted: only "keep bevacizumab" (never steer to anti-EGFR)', aStageIvCase(), [bev(), cetux()], [['delete-draft:MedicationRequest/cetux']]],
    ['cetuximab running: cancel the bevacizumab order', rasWt(running('cetuximab')), [bev()], [['delete-draft:MedicationRequest/bev']]],
  ])('suggestions: %s', (_name, c, drafts, suggestions) => {
    const r = recsFor(c, 'order-sign', drafts).find((x) => x.ruleId === 'RC-E5');
    expect(r?.suggestions.map((s) => actionsOf({ ...r, suggestions: [s] }))).toEqual(suggestions);
  });

  describe('anti-EGFR running, bevacizumab drafted: "keep the anti-EGFR" only for RAS wild-type disease', () => {
    const withRas = (kras: Case['biomarkers']['kras'], nras = withGene('NRAS', 'wild-type')): Case => {
      const c = aStageIvCase(running('cetuximab', 10));
      return { ...c, biomarkers: { ...c.biomarkers, kras, nras } };
    };
    const e5 = (c: Case, drafts = [bev()]) => recsFor(c, 'order-sign', drafts).find((x) => x.ruleId === 'RC-E5');

    test('KRAS G12D: "Cancel bevacizumab", and the text says cetuximab itself is contraindicated and must stop', () => {
      const r = e5(withRas(withGene('KRAS', 'mutant', 'p.Gly12Asp')));
      expect(r?.suggestions.map((s) => [s.label, s.isRecommended])).toEqual([['Cancel bevacizumab', true]]);
      expect(actionsOf(r)).toEqual(['delete-draft:MedicationRequest/bev']);
      expect(r?.detail).toContain('Cetuximab itself is contraindicated in RAS-mutant disease (KRAS p.Gly12Asp): stop it.');
      expect(r?.suggestions.map((s) => s.label).join(' ')).not.toMatch(/keep/i);
    });

    test('RAS unknown: "Cancel bevacizumab"; cetuximab is not justified and must stop', () => {
      const r = e5(withRas(withGene('KRAS', 'unknown'), withGene('NRAS', 'unknown')));
      expect(r?.suggestions.map((s) => s.label)).toEqual(['Cancel bevacizumab']);
      expect(r?.detail).toMatch(/Cetuximab itself is not justified without a RAS wild-type result .*: stop it and test RAS/);
    });

    test.each<[string, Case, string]>([
      ['RAS wild-type', withRas(withGene('KRAS', 'wild-type')), 'Cancel bevacizumab, keep cetuximab'],
      ['extended: NRAS mutant', withRas(withGene('KRAS', 'wild-type'), withGene('NRAS', 'mutant', 'p.Gln61Lys')), 'Cancel bevacizumab'],
      ['extended: KRAS tested on exon 2 only', withRas(withGene('KRAS', 'wild-type', undefined, { exon2Only: true })), 'Cancel bevacizumab'],
    ])('%s', (_name, c, label) => {
      expect(e5(c)?.suggestions.map((s) => s.label)).toEqual([label]);
    });

    test('KRAS mutant, cetuximab also drafted again: cancel both drafts', () => {
      const r = e5(withRas(withGene('KRAS', 'mutant', 'p.Gly12Asp')), [bev(), cetux()]);
      expect(r?.suggestions.map((s) => s.label)).toEqual(['Cancel bevacizumab and the cetuximab order']);
      expect(actionsOf(r)).toEqual(['delete-draft:MedicationRequest/bev', 'delete-draft:MedicationRequest/cetux']);
    });
  });
});

describe('RC-E5 keeps its patient-view behaviour: one catalogue entry, a match per hook', () => {
  test('registered once, answering all three hooks', () => {
    const e5 = allRules.filter((r) => r.meta.id === 'RC-E5');
    expect(e5).toHaveLength(1);
    expect([...(e5[0]?.meta.hooks ?? [])].sort()).toEqual(['order-select', 'order-sign', 'patient-view']);
  });

  test('patient-view still fires on co-active biologics and ignores drafts', () => {
    const both = rasWt({ therapy: { exposures: [exposure('bevacizumab', 3, 'order', true), exposure('cetuximab', 3, 'order', true)], lines: [] } });
    expect(idsFor(both, 'patient-view', [])).toContain('RC-E5');
    expect(idsFor(rasWt(running('bevacizumab')), 'patient-view', [cetux()])).not.toContain('RC-E5');
  });

  test('two rules with the same id are refused at start-up', () => {
    const a = allRules.find((r) => r.meta.id === 'RC-30')!;
    expect(() => validateRules([a, { ...a }])).toThrow(/RC-30: duplicate id/);
  });
});

describe('RC-E10: bevacizumab less than 28 days after major surgery', () => {
  const operated = (kind: ProcedureFact['kind'], days: number): Case =>
    aStageIvCase({ procedures: [{ kind, status: 'done', emergency: false, date: daysAgo(days), source: { resourceType: 'Procedure', id: 'op' } }] });

  test.each<[string, Case, ReturnType<typeof drug>, string[]]>([
    ['hepatectomy 14 days ago', operated('liver-resection', 14), bev(), ['RC-E10']],
    ['hepatectomy 27 days ago', operated('liver-resection', 27), bev(), ['RC-E10']],
    ['hepatectomy 28 days ago', operated('liver-resection', 28), bev(), []],
    ['hepatectomy 14 days ago, bevacizumab planned to start in 20 days (34 after)', operated('liver-resection', 14), bev({ plannedDate: daysAgo(-20) }), []],
    ['diverting stoma 10 days ago', operated('diversion', 10), bev(), ['RC-E10']],
    ['rectal stent 10 days ago: not major surgery', operated('rectal-stent', 10), bev(), []],
    ['ablation 10 days ago: not major surgery', operated('ablation', 10), bev(), []],
    ['no surgery', aStageIvCase(), bev(), []],
    ['hepatectomy 14 days ago, bevacizumab not selected', operated('liver-resection', 14), bev({ selected: false }), []],
  ])('%s', (_name, c, draft, expected) => {
    for (const hook of ['order-select', 'order-sign'] as const) expect(idsFor(c, hook, [draft]).filter((id) => id === 'RC-E10')).toEqual(expected);
  });

  test('warning that names the date from which bevacizumab may start, and cancels the draft', () => {
    const [r] = recsFor(operated('liver-resection', 14), 'order-select', [bev()]);
    expect(r).toMatchObject({ ruleId: 'RC-E10', indicator: 'warning' });
    expect(r?.summary).toContain(daysAgo(-14).slice(0, 10));
    expect(actionsOf(r)).toEqual(['delete-draft:MedicationRequest/bev']);
  });
});
