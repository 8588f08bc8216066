import type { CodeableConcept, Medication, Resource } from 'fhir/r4.js';
import type { Drug } from '../../src/domain/case.js';
import { mapExposures } from '../../src/fhir-mapping/drugs.js';
import type { SystemicTherapy } from '../../src/domain/case.js';
import { mapTherapy, regimenOf } from '../../src/fhir-mapping/therapy-lines.js';
import { aStageIvCase } from '../support/case-builder.js';
import { factsOf } from '../support/chart-review.js';

/** The lines as the fact base judges them (active, cycles), from mapped therapy. */
const linesOf = (therapy: SystemicTherapy) => factsOf(aStageIvCase({ therapy })).lines;
import {
  NOW, RXNORM, cc, coding, daysAgo, mapped, medAdmin, medRequest, medStatement, rx, stageIvRectal, text, uuidBundle,
} from './helpers.js';

const drugsOf = (rs: Resource[]) => mapExposures(rs, NOW).map((e) => e.drug);

describe('drug identification', () => {
  test.each<[string, string]>([
    ['4492', 'fluorouracil'], ['6313', 'leucovorin'], ['32592', 'oxaliplatin'], ['51499', 'irinotecan'],
    ['194000', 'capecitabine'], ['253337', 'bevacizumab'], ['318341', 'cetuximab'], ['263034', 'panitumumab'],
    ['1547545', 'pembrolizumab'], ['1597876', 'nivolumab'], ['2049106', 'encorafenib'],
    ['1094833', 'ipilimumab'], ['2550714', 'sotorasib'], ['2625882', 'adagrasib'], ['224905', 'trastuzumab'],
    ['2361285', 'tucatinib'], ['1312397', 'regorafenib'], ['4488', 'floxuridine'],
  ])('RxNorm ingredient %s -> %s', (code, drug) => {
    expect(drugsOf([medRequest(rx(code), { daysAgo: 5 })])).toEqual([drug]);
  });

  test.each<[string, CodeableConcept, Drug[]]>([
    ['SCD display (Synthea)', rx('1736776', '10 ML oxaliplatin 5 MG/ML Injection'), ['oxaliplatin']],
    ['SCD display, capitalised', rx('1803932', 'Leucovorin 100 MG Injection'), ['leucovorin']],
    ['text only', text('BEVACIZUMAB-awwb 400 mg IV'), ['bevacizumab']],
    ['brand name', text('Avastin 5 mg/kg'), ['bevacizumab']],
    ['ATC coding display', cc(coding('http://www.whocc.no/atc', 'L01FE02', 'panitumumab')), ['panitumumab']],
    ['5-fluorouracil', text('5-fluorouracil 400 mg/m2 bolus'), ['fluorouracil']],
    ['levoleucovorin is not leucovorin', text('levoleucovorin 200 mg/m2'), ['levoleucovorin']],
    ['trifluridine/tipiracil', text('trifluridine 20 MG / tipiracil 8.19 MG Oral Tablet'), ['trifluridine-tipiracil']],
    ['fruquintinib by name', text('Fruquintinib 5 mg capsule'), ['fruquintinib']],
    ['regimen name FOLFOX', text('mFOLFOX6 cycle 3'), ['fluorouracil', 'leucovorin', 'oxaliplatin']],
    ['substring is not a word: "oxaliplatinum-x"', text('carboplatin'), []],
    ['RxNorm code in another system', cc(coding('urn:x', '32592')), []],
  ])('%s', (_name, concept, drugs) => {
    expect(drugsOf([medRequest(concept, { daysAgo: 5 })])).toEqual(drugs);
  });

  test('contained Medication (code and ingredients)', () => {
    const med: Medication = {
      resourceType: 'Medication', id: 'm1', code: text('Chemo bag'),
      ingredient: [{ itemCodeableConcept: cc(coding(RXNORM, '51499', 'irinotecan')) }, { itemCodeableConcept: text('Fluorouracil 2400 mg/m2') }],
    };
    expect(drugsOf([medRequest({ reference: '#m1' }, { daysAgo: 5, contained: [med] })])).toEqual(['irinotecan', 'fluorouracil']);
  });

  test('Medication referenced by urn:uuid inside a Bundle', () => {
    const med: Medication = { resourceType: 'Medication', id: 'x', code: rx('253337') };
    const mr = medRequest({ reference: 'urn:uuid:med-1' }, { daysAgo: 5 });
    const e = mapExposures([uuidBundle([med, mr], ['urn:uuid:med-1', 'urn:uuid:mr-1'], { dropIds: true })], NOW);
    expect(e).toEqual([expect.objectContaining({ drug: 'bevacizumab', source: expect.objectContaining({ id: 'urn:uuid:mr-1', matched: `${RXNORM}|253337` }) })]);
  });

  test('Medication referenced as Medication/id, ingredient by reference to another Medication', () => {
    const inner: Medication = { resourceType: 'Medication', id: 'inner', code: text('cetuximab 5 mg/mL') };
    const outer: Medication = { resourceType: 'Medication', id: 'outer', ingredient: [{ itemReference: { reference: 'Medication/inner' } }] };
    expect(drugsOf([inner, outer, medRequest({ reference: 'Medication/outer' }, { daysAgo: 5 })])).toEqual(['cetuximab']);
  });

  test('name match provenance is text:<name>', () => {
    expect(mapExposures([medRequest(text('Erbitux'), { daysAgo: 1 })], NOW)[0]?.source.matched).toBe('text:Erbitux');
  });
});

describe('validity of medication records', () => {
  test.each<[string, Resource, boolean, boolean | null]>([
    ['MedicationRequest active', medRequest(rx('32592'), { status: 'active', daysAgo: 5 }), true, true],
    ['MedicationRequest on-hold', medRequest(rx('32592'), { status: 'on-hold', daysAgo: 5 }), true, true],
    ['MedicationRequest completed', medRequest(rx('32592'), { status: 'completed', daysAgo: 5 }), true, false],
    ['MedicationRequest stopped (had started)', medRequest(rx('32592'), { status: 'stopped', daysAgo: 5 }), true, false],
    ['MedicationRequest stopped before start', { ...medRequest(rx('32592'), { status: 'stopped', daysAgo: 5 }), statusReason: text('Stopped before start') }, false, null],
    ['MedicationRequest stopped, planned start in the future', { ...medRequest(rx('32592'), { status: 'stopped', daysAgo: 5 }), dosageInstruction: [{ timing: { repeat: { boundsPeriod: { start: daysAgo(-10) } } } }] }, false, null],
    ['MedicationRequest draft', medRequest(rx('32592'), { status: 'draft', daysAgo: 5 }), false, null],
    ['MedicationRequest cancelled', medRequest(rx('32592'), { status: 'cancelled', daysAgo: 5 }), false, null],
    ['MedicationRequest entered-in-error', medRequest(rx('32592'), { status: 'entered-in-error', daysAgo: 5 }), false, null],
    ['MedicationRequest intent plan', medRequest(rx('32592'), { intent: 'plan', daysAgo: 5 }), false, null],
    ['MedicationAdministration completed', medAdmin(rx('32592'), { daysAgo: 5 }), true, false],
    ['MedicationAdministration in-progress', medAdmin(rx('32592'), { status: 'in-progress', daysAgo: 0 }), true, true],
    ['MedicationAdministration not-done', medAdmin(rx('32592'), { status: 'not-done', daysAgo: 5 }), false, null],
    ['MedicationStatement active', medStatement(rx('32592'), { status: 'active', daysAgo: 5 }), true, true],
    ['MedicationStatement completed', medStatement(rx('32592'), { daysAgo: 5 }), true, false],
    ['MedicationStatement not-taken', medStatement(rx('32592'), { status: 'not-taken', daysAgo: 5 }), false, null],
    ['MedicationStatement intended', medStatement(rx('32592'), { status: 'intended', daysAgo: 5 }), false, null],
  ])('%s', (_name, r, counts, active) => {
    const e = mapExposures([r], NOW);
    expect(e.length).toBe(counts ? 1 : 0);
    if (active !== null) expect(e[0]?.active).toBe(active);
  });

  test('dates: authoredOn for orders, effective[x] for administrations', () => {
    const e = mapExposures([medRequest(rx('4492'), { daysAgo: 9 }), { ...medAdmin(rx('4492'), { daysAgo: 1 }), effectiveDateTime: undefined, effectivePeriod: { start: daysAgo(3), end: daysAgo(2) } }], NOW);
    expect(e.map((x) => [x.kind, x.date, x.endDate])).toEqual([['order', daysAgo(9), undefined], ['administration', daysAgo(3), daysAgo(2)]]);
  });
});

describe('regimens and lines', () => {
  test.each<[Drug[], string]>([
    [['fluorouracil', 'leucovorin', 'oxaliplatin'], 'FOLFOX'],
    [['capecitabine', 'oxaliplatin'], 'CAPOX'],
    [['fluorouracil', 'irinotecan'], 'FOLFIRI'],
    [['fluorouracil', 'oxaliplatin', 'irinotecan'], 'FOLFOXIRI'],
    [['capecitabine', 'bevacizumab'], 'fluoropyrimidine'],
    [['leucovorin', 'oxaliplatin'], 'other'],
    [['pembrolizumab'], 'other'],
  ])('%j -> %s', (drugs, regimen) => {
    expect(regimenOf(drugs)).toBe(regimen);
  });

  const give = (code: string, d: number) => medAdmin(rx(code), { daysAgo: d });
  const FU = '4492';
  const OX = '32592';
  const IRI = '51499';
  const CAPE = '194000';
  const BEV = '253337';
  const PEMBRO = '1547545';

  test.each<[string, Resource[], string[]]>([
    ['FOLFOX with bevacizumab added later: one line', [give(FU, 200), give(OX, 200), give(BEV, 170), give(FU, 170), give(OX, 170)], ['FOLFOX']],
    ['FOLFOX -> CAPOX (fluoropyrimidine swap): one line', [give(FU, 200), give(OX, 200), give(CAPE, 150), give(OX, 150)], ['FOLFOX']],
    ['FOLFOX -> FOLFIRI: second line', [give(FU, 200), give(OX, 200), give(FU, 100), give(IRI, 100)], ['FOLFOX', 'FOLFIRI']],
    ['FOLFOX -> maintenance capecitabine+bev -> oxaliplatin reintroduced: one line', [give(FU, 300), give(OX, 300), give(CAPE, 200), give(BEV, 200), give(OX, 100), give(CAPE, 100)], ['FOLFOX']],
    ['FOLFIRI -> pembrolizumab: new class', [give(FU, 200), give(IRI, 200), give(PEMBRO, 50)], ['FOLFIRI', 'other']],
    ['pembrolizumab first line -> FOLFOX: new line', [give(PEMBRO, 200), give(FU, 60), give(OX, 60)], ['other', 'FOLFOX']],
    ['bevacizumab a day before FOLFOX: one line', [give(BEV, 201), give(FU, 200), give(OX, 200)], ['FOLFOX']],
    ['FOLFOX -> FOLFIRI -> trifluridine/tipiracil', [give(FU, 300), give(OX, 300), give(FU, 200), give(IRI, 200), medAdmin(text('Lonsurf'), { daysAgo: 20 })], ['FOLFOX', 'FOLFIRI', 'other']],
  ])('%s', (_name, rs, regimens) => {
    const t = mapTherapy(rs, NOW, daysAgo(400));
    expect(t.lines.map((l) => l.regimen)).toEqual(regimens);
    expect(t.lines.map((l) => l.number)).toEqual(regimens.map((_r, i) => i + 1));
  });

  test('only exposures on or after the metastatic diagnosis make lines (adjuvant FOLFOX is not line 1)', () => {
    const t = mapTherapy([give(FU, 900), give(OX, 900), give(FU, 50), give(IRI, 50)], NOW, daysAgo(60));
    expect(t.lines.map((l) => l.regimen)).toEqual(['FOLFIRI']);
    expect(t.exposures).toHaveLength(4);
  });

  test.each<[string, Resource[], boolean]>([
    ['given 41 days ago', [give(OX, 41)], true],
    ['given 43 days ago', [give(OX, 43)], false],
    ['order still active (authored 200 days ago)', [medRequest(rx(OX), { daysAgo: 200 })], true],
    ['order completed 200 days ago', [medRequest(rx(OX), { status: 'completed', daysAgo: 200 })], false],
  ])('line active (judged by the fact base): %s -> %s', (_name, rs, active) => {
    expect(linesOf(mapTherapy(rs, NOW, daysAgo(400)))[0]?.active).toBe(active);
  });

  test('cycles: distinct administration days of the backbone drug', () => {
    const rs = [0, 14, 28, 42].flatMap((d) => [give(FU, 60 - d), give(OX, 60 - d), give(BEV, 60 - d)]);
    rs.push(give(FU, 59)); // pump disconnect the next day: fluorouracil is not the backbone partner
    expect(linesOf(mapTherapy(rs, NOW, daysAgo(400)))[0]).toMatchObject({ cycles: 4, start: daysAgo(60), lastGiven: daysAgo(18), active: true });
  });

  test('cycles from orders only: weeks since the first dose / 2', () => {
    expect(linesOf(mapTherapy([medRequest(rx(OX), { daysAgo: 84 }), medRequest(rx(FU), { daysAgo: 84 })], NOW, daysAgo(400)))[0]?.cycles).toBe(6);
  });

  test.each<[string, Resource[], { basis: string; date: string } | undefined]>([
    ['administration outranks a newer order', [give(BEV, 30), medRequest(rx(BEV), { daysAgo: 3 })], { basis: 'administration', date: daysAgo(30) }],
    ['statement when no administration', [medStatement(rx(BEV), { daysAgo: 20 }), medRequest(rx(BEV), { daysAgo: 3 })], { basis: 'statement', date: daysAgo(20) }],
    ['order date as a last resort', [medRequest(rx(BEV), { status: 'completed', daysAgo: 25 })], { basis: 'order-date', date: daysAgo(25) }],
    ['latest of several administrations', [give(BEV, 60), give(BEV, 21), give(BEV, 40)], { basis: 'administration', date: daysAgo(21) }],
    ['cancelled order: none', [medRequest(rx(BEV), { status: 'cancelled', daysAgo: 3 })], undefined],
  ])('last bevacizumab (judged by the fact base): %s', (_name, rs, expected) => {
    const bev = factsOf(aStageIvCase({ therapy: mapTherapy(rs, NOW) })).lastBevacizumab;
    if (expected === undefined) expect(bev).toBeUndefined();
    else expect(bev).toMatchObject(expected);
  });

  test('in mapCase, lines count from the metastatic diagnosis', () => {
    const c = mapped([...stageIvRectal(), give(FU, 400), give(OX, 400), give(FU, 30), give(OX, 30)]);
    expect(c.therapy.lines).toHaveLength(1);
    expect(c.therapy.lines[0]?.start).toBe(daysAgo(30));
  });
});

describe('medication records whose drug cannot be read', () => {
  const unresolved = (id: string, daysAgoN: number): Resource =>
    ({ resourceType: 'MedicationAdministration', id, status: 'completed', subject: { reference: 'Patient/p1' }, medicationReference: { reference: 'Medication/not-in-record' }, effectiveDateTime: daysAgo(daysAgoN) }) as Resource;

  test('an unresolved medicationReference without display is kept as unidentified therapy, not dropped', () => {
    const t = mapTherapy([unresolved('ma-1', 10)], NOW);
    expect(t.exposures).toEqual([]);
    expect(t.unidentified).toEqual([expect.objectContaining({ active: false, source: expect.objectContaining({ id: 'ma-1' }) })]);
  });

  test('a coded drug outside the catalogue is readable: not unidentified', () => {
    const t = mapTherapy([medRequest(rx('26225', 'ondansetron'), { daysAgo: 5 })], NOW);
    expect(t.unidentified).toBeUndefined();
  });
});
