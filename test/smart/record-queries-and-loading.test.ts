import { loadServiceDefinitions } from '../../src/hooks/services.js';
import { loadRecord, type FhirRequester } from '../../src/smart/load-record.js';
import { recordQueries } from '../../src/smart/record-queries.js';

const discovery = loadServiceDefinitions();
const patientView = discovery.services.find((s) => s.hook === 'patient-view')!;

describe('the app reads what the service reads', () => {
  test('one query per prefetch key of the patient-view service, patient id filled in', () => {
    const queries = recordQueries(discovery, 'v01-kras-g12d-liver');
    expect(queries.map((q) => q.key)).toEqual(Object.keys(patientView.prefetch!));
    expect(queries.find((q) => q.key === 'patient')!.url).toBe('Patient/v01-kras-g12d-liver');
    for (const q of queries) expect(q.url).not.toContain('{{');
    expect(queries.find((q) => q.key === 'observations')!.url).toMatch(/^Observation\?patient=v01-kras-g12d-liver&code=http:\/\/loinc.org\|21908-9,/);
  });

  test.each(['../Patient', 'a b', '', 'x'.repeat(65)])('refuses a patient id that is not a FHIR id: %p', (id) => {
    expect(() => recordQueries(discovery, id)).toThrow(/not a valid FHIR patient id/);
  });

  test('refuses a discovery document without patient-view templates', () => {
    expect(() => recordQueries({ services: [{ hook: 'order-sign', prefetch: {} }] }, 'p1')).toThrow(/no patient-view prefetch/);
  });
});

describe('loading the record', () => {
  const queries = [
    { key: 'patient', url: 'Patient/p1' },
    { key: 'observations', url: 'Observation?patient=p1' },
  ];
  const requester = (answers: Record<string, () => Promise<unknown>>): FhirRequester & { calls: unknown[] } => {
    const calls: unknown[] = [];
    return {
      calls,
      request: (url, options) => {
        calls.push([url, options]);
        const answer = answers[url];
        return answer ? answer() : Promise.reject(new Error('unexpected url'));
      },
    };
  };

  test('follows every page and flattens (pageLimit 0, flat) and gathers all resources', async () => {
    const client = requester({
      'Patient/p1': async () => ({ resourceType: 'Patient', id: 'p1' }),
      'Observation?patient=p1': async () => [
        { resourceType: 'Observation', id: 'o1' },
        { resourceType: 'Observation', id: 'o2' },
      ],
    });
    const loaded = await loadRecord(client, queries);
    expect(loaded.failures).toEqual([]);
    expect(loaded.resources.map((r) => `${r.resourceType}/${r.id}`)).toEqual(['Patient/p1', 'Observation/o1', 'Observation/o2']);
    expect(client.calls).toEqual([
      ['Patient/p1', { pageLimit: 0, flat: true }],
      ['Observation?patient=p1', { pageLimit: 0, flat: true }],
    ]);
  });

  test('an HTTP error is reported per query, with its status', async () => {
    const forbidden = Object.assign(new Error('Forbidden\nURL: x'), { status: 403 });
    const loaded = await loadRecord(
      requester({ 'Patient/p1': async () => ({ resourceType: 'Patient', id: 'p1' }), 'Observation?patient=p1': () => Promise.reject(forbidden) }),
      queries,
    );
    expect(loaded.failures).toEqual([{ key: 'observations', reason: 'HTTP 403: Forbidden' }]);
  });

  test('an informational OperationOutcome inside search results is skipped, not a failure', async () => {
    const notice = { resourceType: 'OperationOutcome', issue: [{ severity: 'information', code: 'informational' }] };
    const client = { request: async () => [{ resourceType: 'Condition', id: 'c1' }, notice] };
    const loaded = await loadRecord(client as never, [{ key: 'conditions', url: 'Condition?patient=p1' }]);
    expect(loaded.failures).toEqual([]);
    expect(loaded.resources.map((r) => r.resourceType)).toEqual(['Condition']);
  });

  test('an OperationOutcome or a non-FHIR body is a failure, not data', async () => {
    const loaded = await loadRecord(
      requester({
        'Patient/p1': async () => ({ resourceType: 'OperationOutcome', issue: [] }),
        'Observation?patient=p1': async () => [{ id: 'no-type' }],
      }),
      queries,
    );
    expect(loaded.failures.map((f) => f.key)).toEqual(['patient', 'observations']);
    expect(loaded.failures[0]!.reason).toMatch(/OperationOutcome/);
    expect(loaded.failures[1]!.reason).toMatch(/not FHIR/);
    expect(loaded.resources).toEqual([]);
  });
});
