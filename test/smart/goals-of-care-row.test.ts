import type { Resource } from 'fhir/r4.js';
import { allRules } from '../../src/engine/rules/index.js';
import {
  aDnrCondition, aHospiceEpisode, aMetastasis, aPalliativeCareReferral, aPatient, aRectalCancer, fixtureContext,
} from '../../src/fixtures/builders/index.js';
import { assessRecord } from '../../src/hooks/assess-record.js';
import { buildOverview, type Row } from '../../src/smart/overview-model.js';
import { NOW } from './support.js';

/** The overview's "Goals of care" row: comfort-focused care named by its record, DNR and palliative care beside it. */

function row(extra: (ctx: ReturnType<typeof fixtureContext>) => Resource[]): Row | undefined {
  const ctx = fixtureContext(NOW, 'goc-1');
  const record: Resource[] = [
    aPatient(ctx, { gender: 'female', ageYears: 70 }),
    aRectalCancer(ctx, { icd10: 'C20', onsetDaysAgo: 400 }),
    aMetastasis(ctx, 'liver', { daysAgo: 390 }),
    ...extra(ctx),
  ];
  const settings = { ruleSet: 'extended' as const, disabledRules: [], rectosigmoidInScope: false };
  const { evaluation } = assessRecord(record, { patientId: 'goc-1', hook: 'patient-view', now: NOW, settings, rules: allRules });
  return buildOverview(evaluation.facts, record, NOW).rows.find((r) => r.key === 'goals-of-care');
}

describe('overview: goals of care', () => {
  test('hospice enrolment is shown with its record, read from text', () => {
    const r = row((ctx) => [aHospiceEpisode(ctx, { startDaysAgo: 6 })]);
    expect(r).toMatchObject({
      label: 'Goals of care',
      value: 'Comfort-focused care: hospice enrolment (EpisodeOfCare) (read from text)',
      source: 'EpisodeOfCare/goc-1-hospice-episode-1',
    });
    expect(r?.empty).toBeUndefined();
  });

  test('DNR and a palliative-care referral are shown, and are not called comfort care', () => {
    const r = row((ctx) => [aDnrCondition(ctx, { daysAgo: 30 }), aPalliativeCareReferral(ctx, { daysAgo: 10 })]);
    expect(r?.value).toBe('Do not resuscitate · Palliative care involved');
    expect(r?.value).not.toMatch(/comfort/i);
  });

  test('nothing on record: the row says so', () => {
    expect(row(() => [])).toMatchObject({ empty: true, value: 'No goals-of-care record on file' });
  });
});
