import type { CodeableConcept, Observation, ObservationComponent, Resource } from 'fhir/r4.js';
import { HGNC, RECTAL, SCT, cc, coding, condition, lnc, mapped, obs, patient, sct } from './helpers.js';

/**
 * MMR by immunohistochemistry and HER2 (data conventions, "Biomarkers"; real-world codes sections 3 and 4):
 * one row per encoding. Loss of any protein = dMMR (MSI-H), all four intact = pMMR (MSS), fewer than four
 * intact and none lost = unknown; HER2 IHC 3+ amplified, 0/1+ not, 2+ alone unknown; ISH; NGS gain.
 */

const CAP = 'https://cap.org/eCC';
const LOCAL = 'urn:oid:1.2.840.114350.1.13.0.1.7.2.768282';
const base = (): Resource[] => [patient(), condition({ code: RECTAL, onsetDaysAgo: 90 })];
const bio = (...r: Resource[]) => mapped([...base(), ...r]).biomarkers;
const local = (t: string): CodeableConcept => ({ coding: [coding(LOCAL, 'L1')], text: t });
const capCode = (id: string, display?: string): CodeableConcept => cc(coding(CAP, `${id}.100004300`, display));
const PROTEIN_LOINC = { MLH1: '81691-8', MSH2: '81692-6', MSH6: '81693-4', PMS2: '81694-2' } as const;
type Protein = keyof typeof PROTEIN_LOINC;
const INTACT = lnc('LA26197-6');
const LOSS = lnc('LA26198-4');
const protein = (p: Protein, value: CodeableConcept, daysAgo = 20): Observation => obs({ code: lnc(PROTEIN_LOINC[p]), value, daysAgo });
const allFour = (value: (p: Protein) => CodeableConcept) => (['MLH1', 'MSH2', 'MSH6', 'PMS2'] as Protein[]).map((p) => protein(p, value(p)));

describe('MMR by per-protein IHC', () => {
  test.each<[string, Resource[], string]>([
    ['LOINC: MLH1 and PMS2 loss (V50)', [protein('MLH1', LOSS), protein('PMS2', LOSS), protein('MSH2', INTACT), protein('MSH6', INTACT)], 'MSI-H'],
    ['LOINC: MSH6 loss alone', [protein('MSH6', LOSS)], 'MSI-H'],
    ['LOINC: all four intact', allFour(() => INTACT), 'MSS'],
    ['LOINC: three intact, one undetermined (LA14100-4)', [...allFour(() => INTACT).slice(0, 3), protein('PMS2', lnc('LA14100-4'))], 'unknown'],
    ['LOINC: three intact, fourth not tested', allFour(() => INTACT).slice(0, 3), 'unknown'],
    ['CAP eCC: MLH1 29488 loss of nuclear expression', [obs({ code: capCode('29999', 'MLH1 Result'), value: capCode('29488'), daysAgo: 10 })], 'MSI-H'],
    ['CAP eCC: four intact answers (29487, 29491, 29496, 29501)', [
      obs({ code: capCode('29999'), value: capCode('29487'), daysAgo: 10 }), obs({ code: capCode('30000'), value: capCode('29491'), daysAgo: 10 }),
      obs({ code: capCode('30001'), value: capCode('29496'), daysAgo: 10 }), obs({ code: capCode('30002'), value: capCode('29501'), daysAgo: 10 }),
    ], 'MSS'],
    ['CAP eCC bare item ids (no template suffix): PMS2 29502 loss', [obs({ code: cc(coding(CAP, '30002')), value: cc(coding(CAP, '29502')), daysAgo: 10 })], 'MSI-H'],
    ['CAP sample: MSH2 intact alone (SNOMED 1255068005 + 11163003): unknown', [obs({ code: cc(coding(CAP, '30000.100004300'), coding(SCT, '1255068005')), value: cc(coding(CAP, '29491.100004300'), coding(SCT, '11163003')), daysAgo: 10 })], 'unknown'],
    ['value text "Loss of nuclear expression" on LOINC MLH1', [obs({ code: lnc('81691-8'), valueString: 'Loss of nuclear expression', daysAgo: 10 })], 'MSI-H'],
    ['value text "lost", "absent", "deficient"', [obs({ code: lnc('81691-8'), valueString: 'lost', daysAgo: 10 }), obs({ code: lnc('81692-6'), value: { text: 'absent' }, daysAgo: 10 })], 'MSI-H'],
    ['value text "intact / retained / present / proficient" for the four', [
      obs({ code: lnc('81691-8'), valueString: 'Intact', daysAgo: 10 }), obs({ code: lnc('81692-6'), valueString: 'retained', daysAgo: 10 }),
      obs({ code: lnc('81693-4'), valueString: 'present', daysAgo: 10 }), obs({ code: lnc('81694-2'), valueString: 'Proficient', daysAgo: 10 }),
    ], 'MSS'],
    ['"No loss of nuclear expression" is intact, not loss', [
      ...(['81691-8', '81692-6', '81693-4', '81694-2'].map((c) => obs({ code: lnc(c), valueString: 'No loss of nuclear expression', daysAgo: 10 }))),
    ], 'MSS'],
    ['"Cannot be determined" is no result', [obs({ code: lnc('81691-8'), valueString: 'Cannot be determined (poor fixation)', daysAgo: 10 })], 'unknown'],
    ['local codes naming the protein ("MLH1 IHC" ... "PMS2 IHC") with text values', [
      obs({ code: local('MLH1 IHC'), valueString: 'Loss', daysAgo: 10 }), obs({ code: local('PMS2 IHC'), valueString: 'Loss', daysAgo: 10 }),
    ], 'MSI-H'],
    ['a local "MLH1 promoter methylation" test is no protein result', [obs({ code: local('MLH1 promoter methylation'), valueString: 'absent', daysAgo: 10 })], 'unknown'],
    ['a local "MLH1 gene sequencing" (germline) is no protein result', [obs({ code: local('MLH1 gene sequencing'), valueString: 'absent', daysAgo: 10 })], 'unknown'],
    ['MII panel: components per protein, MSH2 lost', [obs({
      code: sct('1234806008'), daysAgo: 10,
      components: (['MLH1', 'MSH2', 'MSH6', 'PMS2'] as Protein[]).map((p): ObservationComponent => ({ code: lnc(PROTEIN_LOINC[p]), valueCodeableConcept: p === 'MSH2' ? LOSS : INTACT })),
    })], 'MSI-H'],
    ['a preliminary loss does not decide', [obs({ code: lnc('81691-8'), value: LOSS, daysAgo: 10, status: 'preliminary' })], 'unknown'],
  ])('%s -> %s', (_name, resources, status) => {
    expect(bio(...resources).msi.status).toBe(status);
  });

  test('the finding names the lost protein result it used, and the conflict with an older MSS', () => {
    const loss = protein('MLH1', LOSS, 30);
    const msi = bio(obs({ code: lnc('81695-9'), value: lnc('LA14122-8'), daysAgo: 5, id: 'pcr' }), loss).msi;
    expect(msi).toMatchObject({ status: 'MSI-H', conflict: true, used: { value: 'MSI-H', source: { id: loss.id, matched: 'http://loinc.org|81691-8' } } });
  });
});

describe('MMR and MSI as one result', () => {
  test.each<[string, Resource, string]>([
    ['CAP 29505 interpretation 29507 (loss of MLH1 and PMS2)', obs({ code: capCode('29505'), value: capCode('29507'), daysAgo: 10 }), 'MSI-H'],
    ['CAP 29505 interpretation 29510 (loss of PMS2 only)', obs({ code: capCode('29505'), value: capCode('29510'), daysAgo: 10 }), 'MSI-H'],
    ['CAP 29505 interpretation 29506 (no loss)', obs({ code: capCode('29505'), value: capCode('29506'), daysAgo: 10 }), 'MSS'],
    ['CAP 29512 MSI 29519 MSI-H', obs({ code: capCode('29512'), value: capCode('29519'), daysAgo: 10 }), 'MSI-H'],
    ['CAP 29512 MSI 29513 MSS', obs({ code: capCode('29512'), value: capCode('29513'), daysAgo: 10 }), 'MSS'],
    ['CAP 29512 MSI 29514 MSI-L (= MSS)', obs({ code: capCode('29512'), value: capCode('29514'), daysAgo: 10 }), 'MSS'],
    ['CAP 29512 MSI 29523 cannot be determined', obs({ code: capCode('29512'), value: capCode('29523'), daysAgo: 10 }), 'unknown'],
    ['NCIt C137827 MMR deficiency (MII system)', obs({ code: sct('1234806008'), value: cc(coding('https://nih-ncpi.github.io/ncpi-fhir-ig/CodeSystem-ncit.html', 'C137827')), daysAgo: 10 }), 'MSI-H'],
    ['NCIt C131458 MMR proficiency (canonical NCIt)', obs({ code: sct('1234806008'), value: cc(coding('http://ncicb.nci.nih.gov/xml/owl/EVS/Thesaurus.owl', 'C131458')), daysAgo: 10 }), 'MSS'],
    ['project concept mmr-ihc, value text "dMMR"', obs({ code: cc(coding('urn:rectal-cds:concept', 'mmr-ihc')), valueString: 'dMMR', daysAgo: 10 }), 'MSI-H'],
    ['local "MMR IHC interpretation" = "Mismatch repair deficient"', obs({ code: local('MMR IHC interpretation'), valueString: 'Mismatch repair deficient', daysAgo: 10 }), 'MSI-H'],
    ['local "Mismatch repair status" = "pMMR"', obs({ code: local('Mismatch repair status'), value: { text: 'pMMR' }, daysAgo: 10 }), 'MSS'],
    ['local "MMR protein expression" = "Proficient (no loss)"', obs({ code: local('MMR protein expression'), valueString: 'Proficient (no loss)', daysAgo: 10 }), 'MSS'],
    ['LOINC 81695-9 with a local answer "MSI-High"', obs({ code: lnc('81695-9'), value: { text: 'MSI-High' }, daysAgo: 10 }), 'MSI-H'],
    ['LOINC 62862-8 MSI by immune stain, "Stable"', obs({ code: lnc('62862-8'), valueString: 'Stable', daysAgo: 10 }), 'MSS'],
    ['Condition SNOMED 737058005 MSI-H colorectal cancer', condition({ code: sct('737058005'), onsetDaysAgo: 60 }), 'MSI-H'],
    ['a local code not about MMR with "deficient" in its value', obs({ code: local('Vitamin D'), valueString: 'deficient', daysAgo: 10 }), 'unknown'],
  ])('%s -> %s', (_name, r, status) => {
    expect(bio(r).msi.status).toBe(status);
  });
});

describe('HER2', () => {
  const her2 = (...r: Resource[]) => bio(...r).her2.status;
  test.each<[string, Resource, string]>([
    ['IHC 18474-7 valueString "3+"', obs({ code: lnc('18474-7'), valueString: '3+', daysAgo: 10 }), 'amplified'],
    ['IHC 18474-7 valueString "2+" alone', obs({ code: lnc('18474-7'), valueString: '2+', daysAgo: 10 }), 'unknown'],
    ['IHC 18474-7 valueString "1+"', obs({ code: lnc('18474-7'), valueString: '1+', daysAgo: 10 }), 'not-amplified'],
    ['IHC 18474-7 valueString "0"', obs({ code: lnc('18474-7'), valueString: '0', daysAgo: 10 }), 'not-amplified'],
    ['IHC 18474-7 valueInteger 3', obs({ code: lnc('18474-7'), valueInteger: 3, daysAgo: 10 }), 'amplified'],
    ['IHC 18474-7 "Positive (Score 3+)"', obs({ code: lnc('18474-7'), value: { text: 'Positive (Score 3+)' }, daysAgo: 10 }), 'amplified'],
    ['IHC 18474-7 "Equivocal (Score 2+)"', obs({ code: lnc('18474-7'), value: { text: 'Equivocal (Score 2+)' }, daysAgo: 10 }), 'unknown'],
    ['IHC 18474-7 LA6576-8 positive', obs({ code: lnc('18474-7'), value: lnc('LA6576-8'), daysAgo: 10 }), 'amplified'],
    ['IHC 18474-7 LA9633-4 present (no score)', obs({ code: lnc('18474-7'), value: lnc('LA9633-4'), daysAgo: 10 }), 'unknown'],
    ['IHC 72383-3 immunoassay "3+"', obs({ code: lnc('72383-3'), valueString: '3+', daysAgo: 10 }), 'amplified'],
    ['IHC 85319-2 (MII HER2 score) "1+"', obs({ code: lnc('85319-2'), valueString: '1+', daysAgo: 10 }), 'not-amplified'],
    ['CAP 364826 IHC 364830 positive (score 3+)', obs({ code: capCode('364826'), value: capCode('364830'), daysAgo: 10 }), 'amplified'],
    ['CAP 364826 IHC 364828 negative (score 1+)', obs({ code: capCode('364826'), value: capCode('364828'), daysAgo: 10 }), 'not-amplified'],
    ['CAP 364826 IHC 364829 equivocal (score 2+)', obs({ code: capCode('364826'), value: capCode('364829'), daysAgo: 10 }), 'unknown'],
    ['ISH ratio 49683-6 = 2.4', obs({ code: lnc('49683-6'), valueQuantity: { value: 2.4 }, daysAgo: 10 }), 'amplified'],
    ['ISH ratio 49683-6 = 1.2', obs({ code: lnc('49683-6'), valueQuantity: { value: 1.2 }, daysAgo: 10 }), 'not-amplified'],
    ['CAP ISH ratio 364852 = 2.0', obs({ code: capCode('364852'), valueQuantity: { value: 2.0 }, daysAgo: 10 }), 'amplified'],
    ['FISH 31150-6 positive', obs({ code: lnc('31150-6'), value: lnc('LA6576-8'), daysAgo: 10 }), 'amplified'],
    ['FISH 85318-4 "Not amplified"', obs({ code: lnc('85318-4'), valueString: 'Not amplified', daysAgo: 10 }), 'not-amplified'],
    ['FISH 96893-3 present', obs({ code: lnc('96893-3'), value: lnc('LA9633-4'), daysAgo: 10 }), 'amplified'],
    ['CAP 364843 ISH 364845 positive (amplified)', obs({ code: capCode('364843'), value: capCode('364845'), daysAgo: 10 }), 'amplified'],
    ['CAP 364843 ISH 364844 negative', obs({ code: capCode('364843'), value: capCode('364844'), daysAgo: 10 }), 'not-amplified'],
    ['CAP 364816 genomic 364820 positive', obs({ code: capCode('364816'), value: capCode('364820'), daysAgo: 10 }), 'amplified'],
    ['interpretation 48676-1 "3+" (local answer)', obs({ code: lnc('48676-1'), valueString: 'HER2 3+', daysAgo: 10 }), 'amplified'],
    ['local "HER2 IHC" = "3+"', obs({ code: local('HER2 IHC'), valueString: '3+', daysAgo: 10 }), 'amplified'],
    ['local "HER2/neu by IHC" = "Negative (1+)"', obs({ code: local('HER2/neu by IHC'), valueString: 'Negative (1+)', daysAgo: 10 }), 'not-amplified'],
    ['local "HER2 serum" is not a tissue result', obs({ code: local('HER2 serum'), valueString: 'positive', daysAgo: 10 }), 'unknown'],
  ])('%s -> %s', (_name, r, status) => {
    expect(her2(r)).toBe(status);
  });

  const ngs = (components: ObservationComponent[], present = true): Observation => obs({
    code: lnc('69548-6'), value: lnc(present ? 'LA9633-4' : 'LA9634-2'), daysAgo: 10,
    components: [{ code: lnc('48018-6'), valueCodeableConcept: cc(coding(HGNC, 'HGNC:3430', 'ERBB2')) }, ...components],
  });
  test.each<[string, Observation, string]>([
    ['NGS: ERBB2, DNA change type 48019-4 = SO:0001742 copy_number_gain', ngs([{ code: lnc('48019-4'), valueCodeableConcept: cc(coding('http://www.sequenceontology.org', 'SO:0001742', 'copy_number_gain')) }]), 'amplified'],
    ['NGS: SO:0001742 in the molecular-consequence component (mCODE)', ngs([{ code: lnc('48006-1'), valueCodeableConcept: cc(coding('http://www.sequenceontology.org/?', 'SO:0001742')) }]), 'amplified'],
    ['NGS: SO:0001019 copy_number_variation with "gain"', ngs([{ code: lnc('48019-4'), valueCodeableConcept: { coding: [coding('http://www.sequenceontology.org', 'SO:0001019')], text: 'Copy number gain' } }]), 'amplified'],
    ['NGS: SO:0001019 alone (a gain or a loss)', ngs([{ code: lnc('48019-4'), valueCodeableConcept: cc(coding('http://www.sequenceontology.org', 'SO:0001019')) }]), 'unknown'],
    ['NGS: legacy 62378-5 "Amplification"', ngs([{ code: lnc('62378-5'), valueCodeableConcept: { text: 'Amplification' } }]), 'amplified'],
    ['NGS: ERBB2 point variant, no copy number change', ngs([{ code: lnc('48005-3'), valueCodeableConcept: cc(coding('http://varnomen.hgvs.org', 'p.Ser310Phe')) }]), 'unknown'],
    ['NGS: gain reported absent', ngs([{ code: lnc('48019-4'), valueCodeableConcept: cc(coding('http://www.sequenceontology.org', 'SO:0001742')) }], false), 'unknown'],
  ])('%s -> %s', (_name, r, status) => {
    expect(her2(r)).toBe(status);
  });

  test('2+ by IHC and an ISH ratio: ISH decides; the finding names the result it used', () => {
    const ish = obs({ code: lnc('49683-6'), valueQuantity: { value: 2.6 }, daysAgo: 5, id: 'ish' });
    expect(bio(obs({ code: lnc('18474-7'), valueString: '2+', daysAgo: 8 }), ish).her2).toEqual({
      status: 'amplified', used: expect.objectContaining({ id: 'ish', matched: 'http://loinc.org|49683-6' }),
    });
  });

  test('an amplified result outranks a newer negative one whatever the dates', () => {
    const amp = obs({ code: lnc('18474-7'), valueString: '3+', daysAgo: 300, id: 'old-3' });
    expect(bio(amp, obs({ code: lnc('18474-7'), valueString: '0', daysAgo: 5 })).her2).toMatchObject({ status: 'amplified', used: { id: 'old-3' } });
  });

});

describe('KRAS, NRAS and BRAF as CAP eCC items (question plus answer)', () => {
  test.each<[string, Observation, 'kras' | 'nras' | 'braf', string, string | undefined]>([
    ['KRAS 29571 = 29572 no mutation detected', obs({ code: capCode('29571'), value: capCode('29572'), daysAgo: 10 }), 'kras', 'wild-type', undefined],
    ['KRAS 29571 = 29573 mutation identified', obs({ code: capCode('29571'), value: capCode('29573'), daysAgo: 10 }), 'kras', 'mutant', undefined],
    ['KRAS 29571 = 29601 cannot be determined', obs({ code: capCode('29571'), value: capCode('29601'), daysAgo: 10 }), 'kras', 'unknown', undefined],
    ['KRAS codon 12 question 29937 = 29575 Gly12Asp', obs({ code: capCode('29937'), value: capCode('29575', 'Gly12Asp (G12D)'), daysAgo: 10 }), 'kras', 'mutant', 'p.Gly12Asp'],
    ['NRAS 32184 = 32185 no mutation detected', obs({ code: capCode('32184'), value: capCode('32185'), daysAgo: 10 }), 'nras', 'wild-type', undefined],
    ['NRAS 32184 = 32186 mutation identified', obs({ code: capCode('32184'), value: capCode('32186'), daysAgo: 10 }), 'nras', 'mutant', undefined],
    ['BRAF 29602 = 29606 V600E', obs({ code: capCode('29602'), value: capCode('29606'), daysAgo: 10 }), 'braf', 'mutant', 'p.Val600Glu'],
    ['BRAF 29602 = 30377 other BRAF mutation', obs({ code: capCode('29602'), value: capCode('30377'), daysAgo: 10 }), 'braf', 'mutant', undefined],
    ['BRAF 29602 = 29603 no mutation', obs({ code: capCode('29602'), value: capCode('29603'), daysAgo: 10 }), 'braf', 'wild-type', undefined],
    ['BRAF IHC 32231 = 32232 positive', obs({ code: capCode('32231'), value: capCode('32232'), daysAgo: 10 }), 'braf', 'mutant', 'p.Val600Glu'],
    ['BRAF IHC 32231 = 32233 negative', obs({ code: capCode('32231'), value: capCode('32233'), daysAgo: 10 }), 'braf', 'wild-type', undefined],
  ])('%s', (_name, o, gene, status, variant) => {
    const b = bio(o);
    expect(b[gene].status).toBe(status);
    expect(b[gene].used?.variant).toBe(variant);
    if (gene === 'braf') expect(b.braf.v600e).toBe(variant === 'p.Val600Glu');
  });
});
