import type { Bundle, Resource } from 'fhir/r4.js';
import type { Case } from '../../src/domain/case.js';
import {
  aDnrCondition, aDpydGenotype, aDraftMedication, aHospiceEpisode, aLocalSurgeryOrder, aMedicationRequest, aMetastasis,
  aPalliativeCareReferral, aPatient, aProcedure, aRasVariant, aRectalCancer, aRegimenCourse, aTumourBoardEncounter, anEcog,
  anEncounterDiagnosis, anMmrProteinIhc, fixtureContext, icd10, type FixtureContext,
} from '../../src/fixtures/builders/index.js';
import { mapDraftOrders } from '../../src/fhir-mapping/draft-orders.js';
import { mapCase } from '../../src/fhir-mapping/map-case.js';
import { NOW, daysAgo } from '../support/now.js';

/**
 * The records of vignettes V46-V58 (shared/clinical/vignettes.md) as the mapping must read them: the facts
 * the revised rules decide on. The cards are the engine's (test/vignettes); this pins the case they get.
 */

function record(build: (ctx: FixtureContext) => Resource[]): { c: Case; ctx: FixtureContext } {
  const ctx = fixtureContext(NOW, 'rw');
  const c = mapCase([aPatient(ctx, { gender: 'male', ageYears: 66 }), ...build(ctx)], { patientId: 'rw', now: NOW, rectosigmoidInScope: false });
  return { c, ctx };
}
const drafts = (resources: Resource[]) => mapDraftOrders({ resourceType: 'Bundle', type: 'collection', entry: resources.map((resource) => ({ resource })) } as Bundle);
const stageIv = (ctx: FixtureContext, days = 200): Resource[] => [aRectalCancer(ctx, { icd10: 'C20', onsetDaysAgo: days }), aMetastasis(ctx, 'liver', { daysAgo: days - 5 })];

test('V46: hospice enrolment (active EpisodeOfCare) after two lines: comfort care named by its record; trifluridine/tipiracil drafted', () => {
  const { c, ctx } = record((k) => [
    ...stageIv(k, 400), aMetastasis(k, 'lung', { daysAgo: 300 }),
    ...aRegimenCourse(k, 'FOLFOX', { startDaysAgo: 380, cycles: 8, status: 'completed' }),
    ...aRegimenCourse(k, 'FOLFIRI', { startDaysAgo: 200, cycles: 8, status: 'completed' }),
    anEcog(k, { daysAgo: 10, score: 2 }), aHospiceEpisode(k, { startDaysAgo: 7 }),
  ]);
  expect(c.goalsOfCare.comfortCare).toMatchObject({ value: 'hospice enrolment (EpisodeOfCare)', source: { resourceType: 'EpisodeOfCare' } });
  expect(c.therapy.lines.map((l) => l.regimen)).toEqual(['FOLFOX', 'FOLFIRI']);
  expect(drafts([aDraftMedication(ctx, 'trifluridine-tipiracil')])[0]).toMatchObject({ kind: 'drug', drugs: ['trifluridine-tipiracil'] });
});

test('V47: DNR (Z66) on the problem list and a palliative-care referral: recorded, no comfort care', () => {
  const { c } = record((k) => [...stageIv(k, 30), anEcog(k, { daysAgo: 5, score: 1 }), aDnrCondition(k, { daysAgo: 20 }), aPalliativeCareReferral(k, { daysAgo: 3 })]);
  expect(c.goalsOfCare.comfortCare).toBeUndefined();
  expect(c.goalsOfCare.doNotResuscitate?.resourceType).toBe('Condition');
  expect(c.goalsOfCare.palliativeCare?.resourceType).toBe('ServiceRequest');
  expect(c.therapy.lines).toEqual([]);
});

test('V48: rectal cancer resected 3 years ago (remission, stage III then), new lung metastases 15 days ago: metastatic recurrence', () => {
  const { c } = record((k) => [
    aRectalCancer(k, { icd10: 'C20', onsetDaysAgo: 1100, clinicalStatus: 'remission', stageSummary: 'III' }),
    aProcedure(k, 'primary-resection', { daysAgo: 1080 }),
    aMetastasis(k, 'lung', { daysAgo: 15 }),
    aRasVariant(k, { gene: 'KRAS', present: true, variant: 'p.Gly12Asp', daysAgo: 1075 }),
  ]);
  expect(c).toMatchObject({ scope: { kind: 'rectal' }, stageIV: true, metastaticRecurrence: { resourceType: 'Condition' }, metastaticDiagnosisDate: daysAgo(15, NOW).replace('.000Z', 'Z') });
  expect(c.stageGroup).toBeUndefined();
  expect(c.biomarkers.kras.status).toBe('mutant');
});

test('V49: stage III in remission, a 2-year-old status-less C78.7 encounter diagnosis: not stage IV, out of scope', () => {
  const { c } = record((k) => [
    aRectalCancer(k, { icd10: 'C20', onsetDaysAgo: 1000, clinicalStatus: 'remission', stageSummary: 'III' }),
    anEncounterDiagnosis(k, icd10('C78.7', 'Secondary malignant neoplasm of liver'), { daysAgo: 730 }),
  ]);
  expect(c).toMatchObject({ stageIV: false, metastases: [], scope: { kind: 'out-of-scope' } });
});

test('V50: dMMR by IHC (MLH1 and PMS2 loss, LOINC), untreated, no germline testing on file', () => {
  const { c } = record((k) => [
    ...stageIv(k, 12), anEcog(k, { daysAgo: 3, score: 0 }),
    anMmrProteinIhc(k, 'MLH1', 'loss', { daysAgo: 8 }), anMmrProteinIhc(k, 'PMS2', 'loss', { daysAgo: 8 }),
    anMmrProteinIhc(k, 'MSH2', 'intact', { daysAgo: 8 }), anMmrProteinIhc(k, 'MSH6', 'intact', { daysAgo: 8 }),
  ]);
  expect(c.biomarkers.msi).toMatchObject({ status: 'MSI-H', used: { source: { matched: expect.stringMatching(/^http:\/\/loinc\.org\|8169[14]-[82]$/) } } });
  expect(c.germlineTesting).toBeUndefined();
});

test('V51/V52: stopped orders are not active, an active bevacizumab order is', () => {
  const { c } = record((k) => [
    ...stageIv(k, 300),
    aMedicationRequest(k, 'panitumumab', { status: 'stopped', authoredDaysAgo: 120 }),
    aMedicationRequest(k, 'bevacizumab', { status: 'active', authoredDaysAgo: 30 }),
  ]);
  // Exposures come in the record's stable order (by resource type and id), whatever order the resources were sent in.
  expect(c.therapy.exposures.map((e) => [e.drug, e.active])).toEqual([['bevacizumab', true], ['panitumumab', false]]);
});

test('V53: no DPYD result; variant: a DPYD genotype on file', () => {
  expect(record((k) => stageIv(k, 20)).c.dpydTest).toBeUndefined();
  expect(record((k) => [...stageIv(k, 20), aDpydGenotype(k, { daysAgo: 4 })]).c.dpydTest?.resourceType).toBe('Observation');
});

test('V54: a tumour board recorded as a finished Encounter with a local code and text "Colorectal Tumor Board"', () => {
  const { c } = record((k) => [...stageIv(k, 40), aTumourBoardEncounter(k, { daysAgo: 20, text: 'Colorectal Tumor Board' })]);
  expect(c.mdtReviews).toEqual([expect.objectContaining({ resourceType: 'Encounter', matched: 'text:Tumor Board' })]);
  expect(Date.parse(c.mdtReviews[0]?.date ?? '')).toBeGreaterThan(Date.parse(c.metastaticDiagnosisDate ?? ''));
});

test('V56: stage only in Condition.stage.summary with a local coding "Stage IVB": in scope, stage IV', () => {
  const { c } = record((k) => [aRectalCancer(k, { icd10: 'C20', onsetDaysAgo: 20, localStageSummary: 'Stage IVB' })]);
  expect(c).toMatchObject({ scope: { kind: 'rectal' }, stageIV: true, stageGroup: { value: 'IVB', source: { matched: 'text:Stage IVB' } } });
  expect(c.metastaticDiagnosisDate).toBeDefined();
});

test('V57: elective partial hepatectomy drafted with a local order code, category 387713003, in 7 days', () => {
  const ctx = fixtureContext(NOW, 'rw', 'rw-draft');
  const [draft] = drafts([aLocalSurgeryOrder(ctx, { text: 'Hepatectomy, partial', occurrenceDaysFromNow: 7 })]);
  expect(draft).toMatchObject({ kind: 'procedure', procedure: 'liver-resection', emergency: false });
  expect(Date.parse(draft?.plannedDate ?? '')).toBe(NOW.getTime() + 7 * 86_400_000);
});
