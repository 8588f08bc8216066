import type { Bundle, Resource } from 'fhir/r4.js';
import { buildRecord } from '../../src/fhir-mapping/record.js';
import { resolveReference } from '../../src/fhir-mapping/references.js';
import { effectiveTime, isoDate, performedTime } from '../../src/fhir-mapping/dates.js';
import { RECTAL, condition, daysAgo, lnc, mapped, obs, patient, sct, variant } from './helpers.js';

describe('references inside the record', () => {
  const target = obs({ code: lnc('21907-1'), value: sct('1229903009'), id: 'target' });
  const bundle: Bundle = {
    resourceType: 'Bundle', type: 'collection',
    entry: [
      { fullUrl: 'urn:uuid:1b2c', resource: { ...obs({ code: lnc('x') }), id: undefined } as Resource },
      { fullUrl: 'http://example.org/fhir/Observation/target', resource: target },
    ],
  };
  const record = buildRecord([bundle]);

  test.each<[string, unknown, string | undefined]>([
    ['urn:uuid fullUrl', { reference: 'urn:uuid:1b2c' }, 'Observation'],
    ['relative Type/id', { reference: 'Observation/target' }, 'target'],
    ['absolute URL ending in Type/id', { reference: 'https://other.example/fhir/Observation/target' }, 'target'],
    ['with _history', { reference: 'Observation/target/_history/3' }, 'target'],
    ['exact fullUrl', { reference: 'http://example.org/fhir/Observation/target' }, 'target'],
    ['type prefix glued to a urn (CAP eCC)', { reference: 'Observation/urn:uuid:1b2c' }, 'Observation'],
    ['unknown', { reference: 'Observation/nope' }, undefined],
    ['not a reference', 42, undefined],
    ['null', null, undefined],
  ])('%s', (_name, ref, expected) => {
    const r = resolveReference(record, ref);
    expect(r === undefined ? undefined : (r.id as string | undefined) ?? r.resourceType).toBe(expected);
  });

  test('#contained resolves within its container only', () => {
    const container = { resourceType: 'MedicationRequest', contained: [{ resourceType: 'Medication', id: 'm' }] };
    expect(resolveReference(record, { reference: '#m' }, container)?.resourceType).toBe('Medication');
    expect(resolveReference(record, { reference: '#m' })).toBeUndefined();
  });

  test('identifier-only reference', () => {
    const member = { ...obs({ code: lnc('x') }), identifier: [{ system: 'https://cap.org/eCC', value: 'urn:uuid:abc' }] };
    const r = buildRecord([member]);
    expect(resolveReference(r, { identifier: { system: 'CAP', value: 'urn:uuid:abc' } })).toBe(member);
  });

  test('nested Bundles are flattened', () => {
    const inner: Bundle = { resourceType: 'Bundle', type: 'searchset', entry: [{ resource: variant('6407', true) }] };
    const outer: Bundle = { resourceType: 'Bundle', type: 'collection', entry: [{ resource: inner }, { resource: patient() }] };
    const c = mapped([outer, condition({ code: RECTAL })]);
    expect(c.biomarkers.kras.status).toBe('mutant');
  });
});

describe('dates', () => {
  test.each<[string, Record<string, unknown>, string | undefined]>([
    ['effectiveDateTime', { effectiveDateTime: '2025-01-02' }, '2025-01-02'],
    ['effectivePeriod.start', { effectivePeriod: { start: '2025-01-03T10:00:00Z' } }, '2025-01-03T10:00:00Z'],
    ['effectiveInstant', { effectiveInstant: '2025-01-04T10:00:00.123Z' }, '2025-01-04T10:00:00.123Z'],
    ['issued when no effective', { issued: '2025-01-05T00:00:00+02:00' }, '2025-01-05T00:00:00+02:00'],
    ['effective wins over issued', { effectiveDateTime: '2025-01-02', issued: '2025-01-05' }, '2025-01-02'],
    ['year-month', { effectiveDateTime: '2025-01' }, '2025-01'],
    ['garbage', { effectiveDateTime: 'yesterday' }, undefined],
    ['wrong type', { effectiveDateTime: 20250102 }, undefined],
    ['invalid month', { effectiveDateTime: '2025-13-40' }, undefined],
  ])('effective time: %s', (_name, r, expected) => {
    expect(effectiveTime(r)).toBe(expected);
  });

  test.each<[string, Record<string, unknown>, string | undefined]>([
    ['performedDateTime', { performedDateTime: '2024-02-01' }, '2024-02-01'],
    ['performedPeriod.start', { performedPeriod: { start: '2024-02-02', end: '2024-03-01' } }, '2024-02-02'],
    ['performedString is not a date', { performedString: 'last spring' }, undefined],
  ])('performed time: %s', (_name, r, expected) => {
    expect(performedTime(r)).toBe(expected);
  });

  test('isoDate keeps the source string', () => {
    expect(isoDate(daysAgo(3))).toBe(daysAgo(3));
  });
});
