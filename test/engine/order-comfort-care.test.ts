import type { Case } from '../../src/domain/case.js';
import type { DraftOrder, OtherDraft } from '../../src/domain/draft-order.js';
import { aStageIvCase, daysAgo } from '../support/case-builder.js';
import { actionsOf, drug, idsFor, recsFor } from '../support/draft-builder.js';

/** RC-39: a systemic anticancer drug ordered while comfort-focused care is documented. */

const src = (resourceType: string, id: string) => ({ resourceType, id, date: daysAgo(6) });
const hospice = (over: Partial<Case> = {}): Case =>
  aStageIvCase({ goalsOfCare: { comfortCare: { value: 'hospice enrolment (EpisodeOfCare)', source: src('EpisodeOfCare', 'hospice') } }, ...over });
const antiemetic: OtherDraft = { id: 'MedicationRequest/ondansetron', selected: true, label: 'ondansetron 8 mg', emergency: false, kind: 'other', source: src('MedicationRequest', 'ondansetron') };
const dnrAndPalliative = (): Case => aStageIvCase({ goalsOfCare: { doNotResuscitate: src('Condition', 'dnr'), palliativeCare: src('ServiceRequest', 'pc') } });

describe('RC-39: anticancer drug under comfort-focused care', () => {
  test.each<[string, Case, DraftOrder[], boolean]>([
    ['trifluridine/tipiracil under hospice', hospice(), [drug('ftd', ['trifluridine-tipiracil'])], true],
    ['pembrolizumab under hospice', hospice(), [drug('pembro', ['pembrolizumab'])], true],
    ['leucovorin alone (a modulator, not therapy)', hospice(), [drug('lv', ['leucovorin'])], false],
    ['an antiemetic (not a drug the service knows: context only)', hospice(), [antiemetic], false],
    ['DNR and a palliative-care referral only: not comfort care', dnrAndPalliative(), [drug('ftd', ['trifluridine-tipiracil'])], false],
    ['no goals of care on record', aStageIvCase(), [drug('ftd', ['trifluridine-tipiracil'])], false],
  ])('%s', (_n, c, drafts, fires) => {
    for (const hook of ['order-select', 'order-sign'] as const) expect(idsFor(c, hook, drafts).includes('RC-39')).toBe(fires);
  });

  test('one warning for the order set, naming the record, cancelling each anticancer order and nothing else', () => {
    const drafts = [drug('ox', ['oxaliplatin']), drug('lv', ['leucovorin']), drug('fu', ['fluorouracil'])];
    const r = recsFor(hospice(), 'order-sign', drafts).filter((x) => x.ruleId === 'RC-39');
    expect(r).toHaveLength(1);
    expect(r[0]?.indicator).toBe('warning');
    expect(r[0]?.detail).toMatch(/hospice enrolment \(EpisodeOfCare\), EpisodeOfCare\/hospice/);
    expect(actionsOf(r[0])).toEqual(['delete-draft:MedicationRequest/ox', 'delete-draft:MedicationRequest/fu']);
  });

  test('only the selected drafts are judged at order-select', () => {
    const drafts = [drug('ftd', ['trifluridine-tipiracil'], { selected: false }), drug('lv', ['leucovorin'])];
    expect(idsFor(hospice(), 'order-select', drafts)).not.toContain('RC-39');
  });
});
