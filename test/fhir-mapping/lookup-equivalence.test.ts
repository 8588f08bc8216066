import fc from 'fast-check';
import { HGNC_SYSTEMS, ICD10_SYSTEMS, SYSTEM } from '../../src/fhir-mapping/codes.js';
import { type Coding, codingsOf, findCoding, normalizeHgnc, normalizeIcd10 } from '../../src/fhir-mapping/coding.js';
import { isoDate, toMs, withDateMemo } from '../../src/fhir-mapping/dates.js';
import { DRUG_CATALOG, REGIMEN_NAMES } from '../../src/fhir-mapping/drug-catalog.js';
import { drugsInConcept, newNamedDrugsMemo } from '../../src/fhir-mapping/drugs.js';
import { buildRecord } from '../../src/fhir-mapping/record.js';
import { calendarSweep } from '../support/calendar-sweep.js';
import { referenceDrugScan } from './reference-drug-scan.js';

/**
 * The mapper's lookups were made cheaper: `findCoding` walks the raw JSON instead of building every Coding,
 * dates are parsed once per `mapCase` call, drug names are matched once per distinct medication text, and
 * `byTypeAndId` uses nested maps. These properties hold each to the plain definition it replaced.
 */

const SYSTEMS = [
  SYSTEM.loinc, SYSTEM.snomed, SYSTEM.icd10cm, SYSTEM.icd10, SYSTEM.hgnc, SYSTEM.hgncGeneId, SYSTEM.rxnorm, 'urn:other',
];
const CODES = ['C20', 'c20', 'C20.', 'C18.7', 'C187', ' C20 ', '6407', 'HGNC:6407', 'hgnc:6407 ', '21908-9', '32592', '4492', 'x', ''];

const codingArb = fc.record(
  {
    system: fc.oneof(fc.constantFrom(...SYSTEMS), fc.constant(''), fc.integer()),
    code: fc.oneof(fc.constantFrom(...CODES), fc.constant(null)),
    display: fc.oneof(fc.constantFrom('oxaliplatin', 'FOLFOX', 'Rectal cancer', ''), fc.integer()),
  },
  { requiredKeys: [] },
);
const conceptArb = fc.oneof(
  fc.record({ coding: fc.oneof(fc.array(fc.oneof(codingArb, fc.constant(null), fc.constant('C20'))), codingArb), text: fc.constantFrom('FOLFIRI', 'Avastin 25 MG/ML', 'none') }, { requiredKeys: [] }),
  codingArb,
);
const valueArb = fc.oneof(conceptArb, fc.array(fc.oneof(conceptArb, fc.constant(7))), fc.constant(undefined), fc.constant('C20'));

/** What `findCoding` computed before it walked the raw JSON. */
function referenceFindCoding(v: unknown, system: string, codes: readonly string[]): Coding | undefined {
  const icd = (ICD10_SYSTEMS as readonly string[]).includes(system);
  const hgnc = (HGNC_SYSTEMS as readonly string[]).includes(system);
  const systems: readonly string[] = icd ? ICD10_SYSTEMS : hgnc ? HGNC_SYSTEMS : [system];
  const norm = icd ? normalizeIcd10 : hgnc ? normalizeHgnc : (c: string) => c.trim();
  const wanted = new Set(codes.map(norm));
  return codingsOf(v).find((c) => c.system !== undefined && systems.includes(c.system) && wanted.has(norm(c.code)));
}

describe('findCoding', () => {
  it('finds the same coding as a scan of codingsOf', () => {
    fc.assert(
      fc.property(valueArb, fc.constantFrom(...SYSTEMS), fc.array(fc.constantFrom(...CODES), { maxLength: 4 }), (v, system, codes) => {
        expect(findCoding(v, system, codes)).toEqual(referenceFindCoding(v, system, codes));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('date memo', () => {
  const dateArb = fc.oneof(
    fc.constantFrom('2024', '2024-03', '2024-03-01', '2024-03-01T10:00', '2024-03-01T10:00:00', '2024-03-01T10:00:00Z',
      '2024-03-01T10:00:00.123+02:00', '2024-02-30', '2024-13-01', 'March 1, 2024', '3/1/2024', 'not a date', ''),
    fc.integer({ min: 0, max: 40 }).map((d) => new Date(Date.UTC(2024, 0, 1 + d)).toISOString()),
    fc.string({ maxLength: 12 }),
    // Read straight from the characters (the common shapes) or left to the pattern and Date.parse: every part
    // in and out of range, fractions of any length, each offset form, and what is not quite one of them.
    fc
      .record({
        y: fc.constantFrom('2024', '1999', '0099', '0100', '9999', '20x4'),
        mo: fc.constantFrom('01', '02', '12', '00', '13', '1a'),
        d: fc.constantFrom('01', '29', '30', '31', '00', '32'),
        t: fc.constantFrom('', 'T', 'T10:00', 'T00:00:00', 'T23:59:59', 'T24:00:00', 'T24:00:01', 'T12:60:00', 'T12:00:60', 'T1:00:00'),
        f: fc.constantFrom('', '.', '.5', '.12', '.123', '.1234567', '.x'),
        z: fc.constantFrom('', 'Z', '+00:00', '-00:00', '+05:30', '-11:45', '+23:59', '+24:00', '+05:60', '+0530', 'z', 'ZZ'),
      })
      .map(({ y, mo, d, t, f, z }) => `${y}-${mo}-${d}${t}${t.length > 3 ? f : ''}${t !== '' ? z : ''}`),
  );
  const FHIR_DATE = /^\d{4}(-\d{2}(-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?)?)?$/;
  const plainIsoDate = (s: string) => (s !== '' && FHIR_DATE.test(s) && Number.isFinite(Date.parse(s)) ? s : undefined);
  const plainToMs = (s: string) => (Number.isFinite(Date.parse(s)) ? Date.parse(s) : undefined);

  it('gives the plain answers inside and outside a memo run, first time and repeated', () => {
    fc.assert(
      fc.property(fc.array(dateArb, { maxLength: 20 }), (dates) => {
        const outside = dates.map((d) => [isoDate(d), toMs(d)]);
        const inside = withDateMemo(() => [...dates, ...dates].map((d) => [isoDate(d), toMs(d)]));
        const expected = dates.map((d) => [plainIsoDate(d), plainToMs(d)]);
        expect(outside).toEqual(expected);
        expect(inside).toEqual([...expected, ...expected]);
      }),
      { numRuns: 1000 },
    );
  });

  it('reads every day of the calendar as Date.parse does (leap years and centuries, days past the end of a month)', () => {
    const differ = calendarSweep().filter((s) => toMs(s) !== Date.parse(s) || isoDate(s) !== s);
    expect(differ).toEqual([]);
  });

  it('returns what the run returns, nests, and passes errors through', () => {
    expect(withDateMemo(() => withDateMemo(() => toMs('2024-03-01')))).toBe(Date.UTC(2024, 2, 1));
    expect(() => withDateMemo(() => { throw new Error('boom'); })).toThrow('boom');
    expect(isoDate('2024-03-01T10:00:00Z')).toBe('2024-03-01T10:00:00Z');
  });
});

describe('drug matching with a per-record memo', () => {
  const names = [...DRUG_CATALOG.flatMap((e) => e.names), ...Object.keys(REGIMEN_NAMES)];
  // The memo keys texts joined by NUL: a NUL inside a text, or a name cut in two ('folinic' 'acid' against
  // 'folinic\u0000acid'), must still name exactly what the texts name.
  const textArb = fc.oneof(
    fc.constantFrom(...names),
    fc.constantFrom(...names).map((n) => `${n.toUpperCase()} 5 MG/ML`),
    fc.constantFrom('x', 'IV', 'folinic', 'acid', 'folinic\u0000acid', 'calcium\u0000', '\u0000folinate', '5-\u0000FU'),
  );
  const rxnormArb = fc.constantFrom(...DRUG_CATALOG.flatMap((e) => e.rxnorm), ' 4492 ', '999');
  const medConceptArb = fc.record(
    {
      coding: fc.array(fc.record({ system: fc.constantFrom(SYSTEM.rxnorm, SYSTEM.snomed), code: rxnormArb, display: textArb }, { requiredKeys: [] }), { maxLength: 3 }),
      text: textArb,
    },
    { requiredKeys: [] },
  );

  // What `drugsInConcept` computed before the RxNorm index and the memo: `referenceDrugScan`.

  it('finds the same drugs with and without a shared memo, whatever came before', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(medConceptArb, fc.array(textArb, { maxLength: 2 })), { maxLength: 12 }), (items) => {
        const memo = newNamedDrugsMemo();
        for (const [concept, extra] of items) {
          const expected = referenceDrugScan(concept, extra);
          expect(drugsInConcept(concept, extra)).toEqual(expected);
          expect(drugsInConcept(concept, extra, memo)).toEqual(expected);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('record index', () => {
  it('byTypeAndId answers the first resource of that type and id, as a scan does', () => {
    const resourceArb = fc.record({
      resourceType: fc.constantFrom('Observation', 'Condition', 'Patient'),
      id: fc.oneof(fc.constantFrom('a', 'b', 'a/b', ''), fc.integer()),
      n: fc.nat(),
    });
    fc.assert(
      fc.property(fc.array(resourceArb, { maxLength: 15 }), fc.constantFrom('Observation', 'Condition', 'Patient', 'Other'), fc.constantFrom('a', 'b', 'a/b', ''), (resources, type, id) => {
        const record = buildRecord(resources);
        const scan = resources.find((r) => r.resourceType === type && r.id === id && id !== '');
        expect(record.byTypeAndId(type, id)).toBe(scan);
      }),
    );
  });
});

describe('stable resource order', () => {
  const typeOf = (r: unknown) => (r as { resourceType: string }).resourceType;
  const idOf = (r: unknown) => (typeof (r as { id?: unknown }).id === 'string' ? (r as { id: string }).id : '');
  const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  const itemArb = fc.oneof(
    fc.record({ resourceType: fc.constantFrom('Observation', 'Condition', 'Patient', 'MedicationAdministration', ''), id: fc.oneof(fc.constantFrom('a', 'b', 'a-1', 'a-10', 'a-2', 'B', ''), fc.integer()), n: fc.nat() }, { requiredKeys: ['n'] }),
    fc.constant(null),
    fc.constant(7),
  );
  /** What the record keeps of `items`: objects with a (non-empty) resource type, each object once. */
  const kept = (items: readonly unknown[]) =>
    items.filter((r, i) => typeof (r as { resourceType?: unknown } | null)?.resourceType === 'string' && typeOf(r) !== '' && items.indexOf(r) === i);

  it('is the stable sort by type, then id, of the resources kept (grouping by type and skipping sorted groups changes nothing)', () => {
    fc.assert(
      fc.property(fc.array(itemArb, { maxLength: 30 }), fc.boolean(), (items, presorted) => {
        const input = presorted ? [...items].sort((a, b) => cmp(idOf(a ?? {}), idOf(b ?? {}))) : items;
        const expected = [...kept(input)].sort((a, b) => cmp(typeOf(a), typeOf(b)) || cmp(idOf(a), idOf(b)));
        const record = buildRecord(input, 'stable');
        expect(record.resources).toHaveLength(expected.length);
        record.resources.forEach((r, i) => expect(r).toBe(expected[i]));
        for (const type of new Set(expected.map(typeOf))) expect(record.ofType(type)).toEqual(expected.filter((r) => typeOf(r) === type));
      }),
      { numRuns: 500 },
    );
  });

  it('is the same whether the resources come one by one or packed in Bundles, in any order', () => {
    fc.assert(
      fc.property(fc.array(itemArb, { maxLength: 30 }), fc.nat(), (items, cut) => {
        const resources = kept(items);
        const at = resources.length === 0 ? 0 : cut % resources.length;
        const bundle = (rs: unknown[]) => ({ resourceType: 'Bundle', entry: rs.map((resource) => ({ resource })) });
        const packed = [bundle([...resources.slice(at)].reverse()), ...resources.slice(0, at)];
        const flatOrder = buildRecord(resources, 'stable').resources;
        // Equal ids keep input order, so only records whose (type, id) pairs are distinct must come out identical.
        const keys = resources.map((r) => `${typeOf(r)}|${idOf(r)}`);
        fc.pre(new Set(keys).size === keys.length);
        expect(buildRecord(packed, 'stable').resources).toEqual(flatOrder);
      }),
      { numRuns: 300 },
    );
  });

  it('as given, keeps input order with Bundles flattened in place', () => {
    const a = { resourceType: 'Observation', id: 'b' };
    const b = { resourceType: 'Condition', id: 'a' };
    const c = { resourceType: 'Observation', id: 'a' };
    const record = buildRecord([a, { resourceType: 'Bundle', entry: [{ resource: b }] }, c]);
    expect(record.resources).toEqual([a, b, c]);
    expect(record.ofType('Observation')).toEqual([a, c]);
  });
});
