import type { Recommendation } from '../../src/engine/types.js';
import { toCard } from '../../src/hooks/cards.js';
import { factsDigest, issuedCards } from '../../src/hooks/issued-cards.js';

/** What the card ledger is handed for each card answered: its uuid, its rules with a digest of their data, its suggestions. */
const rec = (over: Partial<Recommendation> = {}): Recommendation => ({
  ruleId: 'RC-04',
  title: 'Biomarker testing',
  indicator: 'info',
  summary: 'Order KRAS',
  detail: 'Order the missing tests.',
  basedOn: [{ label: 'KRAS', value: 'no valid result on file' }, { label: 'CEA', value: '45 ng/mL', date: '2026-05-01', source: { resourceType: 'Observation', id: 'cea-1' } }],
  evidence: { seeds: ['004'] },
  origin: 'seed',
  suggestions: [{ label: 'Order KRAS', actions: [{ type: 'order-test', test: 'KRAS', reason: 'KRAS unknown' }] }],
  overrideReasons: [],
  ...over,
});

describe('facts digest', () => {
  test('the same data in another order gives the same digest', () => {
    const r = rec();
    expect(factsDigest({ basedOn: [...r.basedOn].reverse() })).toBe(factsDigest(r));
  });
  test.each([
    ['a new value', { basedOn: [{ label: 'KRAS', value: 'mutant p.Gly12Asp' }] }],
    ['a new source resource', { basedOn: [{ label: 'KRAS', value: 'no valid result on file' }, { label: 'CEA', value: '45 ng/mL', date: '2026-05-01', source: { resourceType: 'Observation', id: 'cea-2' } }] }],
    ['a new date', { basedOn: [{ label: 'KRAS', value: 'no valid result on file' }, { label: 'CEA', value: '45 ng/mL', date: '2026-05-02', source: { resourceType: 'Observation', id: 'cea-1' } }] }],
  ])('%s gives a new digest', (_name, over) => {
    expect(factsDigest(rec(over))).not.toBe(factsDigest(rec()));
  });
  test('time passing on the same data is not new data ("40 days" tomorrow reads "41 days")', () => {
    const since = (days: number) => ({ basedOn: [{ label: 'Time since metastatic diagnosis', value: `${days} days`, date: '2026-04-20' }, { label: 'Last local treatment', value: `resection, ${days + 3} days ago`, date: '2026-04-17' }] });
    expect(factsDigest(rec(since(41)))).toBe(factsDigest(rec(since(40))));
    expect(factsDigest(rec({ basedOn: [{ label: 'Time since metastatic diagnosis', value: '40 days', date: '2026-04-21' }] }))).not.toBe(factsDigest(rec(since(40))));
  });
});

test('each issued card names its uuid, rules with indicator and digest, and its suggestions', () => {
  let n = 0;
  const card = toCard(rec(), { newId: () => `id-${++n}`, publicBaseUrl: 'http://x', patientId: 'p1' });
  const [issued] = issuedCards([{ card, recs: [rec()] }]);
  expect(issued).toEqual({
    uuid: 'id-1',
    rules: [{ ruleId: 'RC-04', indicator: 'info', factsDigest: factsDigest(rec()) }],
    suggestions: [{ uuid: 'id-2', label: 'Order KRAS' }],
  });
});
