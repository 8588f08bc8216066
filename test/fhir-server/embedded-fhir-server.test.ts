import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { Client, type PaginationParams, type SearchParams } from 'fhir-kit-client';
import type { Bundle, BundleEntry, Condition, FhirResource, OperationOutcome, Patient } from 'fhir/r4.js';
import { createEmbeddedFhirServer, type EmbeddedFhirServer } from '../../src/fhir-server/embedded-fhir-server.js';

const LOINC = 'http://loinc.org';
const PATIENT_URN = 'urn:uuid:5f2b7a4e-0c7e-4d7a-9a57-3d1f0c6b2a11';

function observation(id: string, code: string, value: number): BundleEntry<FhirResource> {
  return {
    resource: {
      resourceType: 'Observation',
      id,
      status: 'final',
      code: { coding: [{ system: LOINC, code }] },
      subject: { reference: 'Patient/p1' },
      effectiveDateTime: '2024-05-01',
      valueQuantity: { value, unit: 'ng/mL' },
    },
  };
}

const testBundle: Bundle<FhirResource> = {
  resourceType: 'Bundle',
  type: 'collection',
  entry: [
    { fullUrl: PATIENT_URN, resource: { resourceType: 'Patient', id: 'p1', name: [{ family: 'Demo' }] } },
    observation('cea', '2039-6', 12.5),
    observation('msi', '83085-1', 1),
    {
      fullUrl: 'urn:uuid:0d3c1a55-8b4f-4c1e-9e0a-7b6f3b2d9c01',
      resource: {
        resourceType: 'Condition',
        code: { text: 'Metastatic rectal adenocarcinoma' },
        subject: { reference: PATIENT_URN },
      },
    },
  ],
};

type SearchBundle = Bundle<FhirResource>;

/** fhir-kit-client types every response as a loose record; view it as the R4 type we expect. */
function as<T>(resource: unknown): T {
  return resource as T;
}

/** fhir-kit-client rejects with { response: { status, data } } on non-2xx. */
function httpError(status: number): object {
  return { response: { status, data: expect.objectContaining({ resourceType: 'OperationOutcome' }) } };
}

describe('embedded FHIR server over HTTP', () => {
  let fhir: EmbeddedFhirServer;
  let server: Server;
  let baseUrl: string;
  let client: Client;

  beforeAll(async () => {
    fhir = await createEmbeddedFhirServer();
    await fhir.load(testBundle);
    const app = express();
    app.use('/fhir', fhir.router);
    server = app.listen(0, '127.0.0.1');
    await once(server, 'listening');
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/fhir`;
    client = new Client({ baseUrl });
  });

  afterAll(async () => {
    server.closeAllConnections(); // fetch keeps connections alive
    await new Promise((resolve) => server.close(resolve));
  });

  it('stores every entry and does not mutate the input bundle', () => {
    expect(fhir.size()).toBe(4);
    expect((testBundle.entry?.[3]?.resource as Condition).subject.reference).toBe(PATIENT_URN);
  });

  it('reads a resource by id', async () => {
    const patient = as<Patient>(await client.read({ resourceType: 'Patient', id: 'p1' }));
    expect(patient).toMatchObject({ resourceType: 'Patient', id: 'p1', name: [{ family: 'Demo' }] });
  });

  it('answers with application/fhir+json', async () => {
    const res = await fetch(`${baseUrl}/Patient/p1`);
    expect(res.headers.get('content-type')).toMatch(/^application\/fhir\+json/);
  });

  /** Search through fhir-kit-client, viewing the result as an R4 Bundle. */
  async function search(resourceType: string, searchParams: SearchParams): Promise<SearchBundle> {
    return as<SearchBundle>(await client.search({ resourceType, searchParams }));
  }

  it('searches by bare patient id and by token code', async () => {
    expect((await search('Observation', { patient: 'p1' })).total).toBe(2);
    expect((await search('Observation', { patient: 'nobody' })).total).toBe(0);

    const cea = await search('Observation', { patient: 'p1', code: `${LOINC}|2039-6` });
    expect(cea.total).toBe(1);
    expect(cea.entry?.[0]).toMatchObject({
      fullUrl: `${baseUrl}/Observation/cea`,
      resource: { id: 'cea' },
      search: { mode: 'match' },
    });

    const both = await search('Observation', { subject: 'p1', code: `${LOINC}|2039-6,${LOINC}|83085-1` });
    expect(both.entry?.map((e) => e.resource?.id).sort()).toEqual(['cea', 'msi']);
  });

  it('rewrites urn:uuid references to Type/id', async () => {
    const conditions = await search('Condition', { patient: 'p1' });
    expect(conditions.total).toBe(1);
    expect((conditions.entry?.[0]?.resource as Condition).subject.reference).toBe('Patient/p1');
  });

  it('pages with _count and absolute next links', async () => {
    const first = await search('Observation', { patient: 'p1', _count: 1 });
    expect(first.total).toBe(2);
    expect(first.entry).toHaveLength(1);
    expect(first.link?.find((l) => l.relation === 'self')?.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/fhir\//);
    const next = first.link?.find((l) => l.relation === 'next')?.url;
    expect(next).toMatch(new RegExp(`^${baseUrl}/Observation\\?.*_offset=1`));

    const second = as<SearchBundle>(await client.nextPage({ bundle: as<PaginationParams['bundle']>(first) }));
    expect(second.entry).toHaveLength(1);
    expect(second.entry?.[0]?.resource?.id).not.toBe(first.entry?.[0]?.resource?.id);
    expect(second.link?.some((l) => l.relation === 'next')).toBe(false);
    expect(client.nextPage({ bundle: as<PaginationParams['bundle']>(second) })).toBeUndefined();
  });

  it('returns 404 OperationOutcomes for unknown ids and resource types', async () => {
    await expect(client.read({ resourceType: 'Patient', id: 'missing' })).rejects.toMatchObject(httpError(404));
    await expect(client.read({ resourceType: 'NotAType', id: 'x' })).rejects.toMatchObject(httpError(404));
    await expect(client.search({ resourceType: 'NotAType', searchParams: {} })).rejects.toMatchObject(httpError(404));
  });

  it('rejects unknown or unsupported search parameters with 400', async () => {
    const unsupported: SearchParams[] = [
      { bogus: 'x' },
      { 'value-quantity': 'gt5' }, // quantity params would silently match nothing in MemoryRepository
      { _include: 'Observation:patient' },
      { 'patient.name': 'Demo' },
      { _count: 'abc' },
      { date: 'not-a-date' },
    ];
    for (const searchParams of unsupported) {
      await expect(search('Observation', searchParams)).rejects.toMatchObject(httpError(400));
    }
  });

  it('handles the rest of the URL space without 5xx', async () => {
    const cases: Array<[string, string, number]> = [
      ['GET', '', 400], // system-level search
      ['GET', '/Observation?_summary=count', 200],
      ['GET', '/Observation?_sort=-date&status=final', 200],
      ['GET', '/Observation?subject:Patient=p1&_count=0', 200],
      ['GET', '/Observation?code:below=2039', 400],
      ['GET', '/Patient/p1/_history', 200],
      ['GET', '/Patient/p1/Observation', 404], // compartment search
      ['HEAD', '/Patient/p1', 200],
      ['DELETE', '/Patient/p1', 405],
      ['PATCH', '/Patient/p1', 405],
      ['DELETE', '/Patient/_search', 405],
      ['PUT', '/Observation/_search', 405],
    ];
    for (const [method, path, status] of cases) {
      const res = await fetch(`${baseUrl}${path}`, { method });
      const body = method === 'HEAD' ? undefined : ((await res.json()) as FhirResource);
      expect({ method, path, status: res.status }).toEqual({ method, path, status });
      if (status >= 400) expect(body?.resourceType).toBe('OperationOutcome');
    }
    const counted = as<SearchBundle>(await (await fetch(`${baseUrl}/Observation?_summary=count`)).json());
    expect(counted.total).toBe(2);
    expect(counted.entry).toBeUndefined();
  });

  describe('search by POST [type]/_search (form body)', () => {
    const form = (body: string, query = '') =>
      fetch(`${baseUrl}/Observation/_search${query}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body });
    /** The same search as GET, for comparison (the Bundle's lastUpdated differs by call time). */
    const viaGet = async (query: string) => {
      const res = await fetch(`${baseUrl}/Observation?${query}`);
      expect(res.status).toBe(200);
      return (await res.json()) as SearchBundle;
    };
    const ids = (b: SearchBundle) => b.entry?.map((e) => e.resource?.id).sort();

    it.each([
      ['patient=p1'],
      [`patient=p1&code=${encodeURIComponent(`${LOINC}|2039-6`)}`],
      [`subject=p1&code=${encodeURIComponent(`${LOINC}|2039-6,${LOINC}|83085-1`)}`],
      ['patient=nobody'],
      ['patient=p1&_count=1'],
    ])('%s: the same entries, total and links as GET', async (query) => {
      const res = await form(query);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^application\/fhir\+json/);
      const posted = (await res.json()) as SearchBundle;
      const got = await viaGet(query);
      expect({ ...posted, meta: undefined }).toEqual({ ...got, meta: undefined, link: posted.link });
      expect(posted.link?.find((l) => l.relation === 'next')?.url).toBe(got.link?.find((l) => l.relation === 'next')?.url);
      expect(ids(posted)).toEqual(ids(got));
    });

    it('joins parameters of the URL and of the body; the self link names them all', async () => {
      const res = await form(`code=${encodeURIComponent(`${LOINC}|83085-1`)}`, '?patient=p1');
      const bundle = (await res.json()) as SearchBundle;
      expect(ids(bundle)).toEqual(['msi']);
      const self = new URL(bundle.link?.find((l) => l.relation === 'self')?.url ?? '');
      expect(self.pathname).toMatch(/\/fhir\/Observation$/);
      expect([...self.searchParams]).toEqual([['patient', 'p1'], ['code', `${LOINC}|83085-1`]]);
    });

    it('an empty body searches the type as GET does; unknown parameters get the same 400', async () => {
      const all = (await (await form('')).json()) as SearchBundle;
      expect(all.total).toBe((await viaGet('')).total);
      const bad = await form('bogus=x');
      expect(bad.status).toBe(400);
      expect(((await bad.json()) as OperationOutcome).issue[0]?.diagnostics).toMatch(/Unknown search parameter 'bogus'/);
    });

    it('a body that is not a form: 415 OperationOutcome', async () => {
      const res = await fetch(`${baseUrl}/Observation/_search`, { method: 'POST', headers: { 'content-type': 'application/fhir+json' }, body: '{"patient":"p1"}' });
      expect(res.status).toBe(415);
      expect(((await res.json()) as OperationOutcome).resourceType).toBe('OperationOutcome');
    });

    it('fhir-kit-client searches by POST when asked to', async () => {
      const bundle = as<SearchBundle>(await client.search({ resourceType: 'Observation', searchParams: { patient: 'p1' }, options: { postSearch: true } }));
      expect(bundle.total).toBe(2);
    });
  });

  it('serves a CapabilityStatement at /metadata', async () => {
    const capability = as<{ fhirVersion: string; rest: unknown[] }>(await client.capabilityStatement());
    expect(capability).toMatchObject({ resourceType: 'CapabilityStatement', fhirVersion: '4.0.1' });
    expect(capability.rest).toEqual([
      expect.objectContaining({
        resource: expect.arrayContaining([
          { type: 'Observation', interaction: [{ code: 'read' }, { code: 'search-type' }] },
        ]),
      }),
    ]);
  });

  it('refuses writes other than a base transaction with 405', async () => {
    const res = await fetch(`${baseUrl}/Patient/p1`, {
      method: 'PUT',
      headers: { 'content-type': 'application/fhir+json' },
      body: JSON.stringify({ resourceType: 'Patient', id: 'p1' }),
    });
    expect(res.status).toBe(405);
    expect(((await res.json()) as OperationOutcome).resourceType).toBe('OperationOutcome');
    await expect(client.create({ resourceType: 'Patient', body: { resourceType: 'Patient' } })).rejects.toMatchObject(
      httpError(405),
    );
  });

  it('accepts a transaction Bundle POSTed at the base', async () => {
    const transaction = {
      resourceType: 'Bundle',
      type: 'transaction',
      entry: [
        {
          fullUrl: 'urn:uuid:9a1f3c2e-1111-4b5e-8f00-000000000001',
          resource: { resourceType: 'Patient', name: [{ family: 'Second' }] },
          request: { method: 'POST', url: 'Patient' },
        },
        {
          resource: {
            resourceType: 'Condition',
            id: 'c2',
            subject: { reference: 'urn:uuid:9a1f3c2e-1111-4b5e-8f00-000000000001' },
          },
          request: { method: 'PUT', url: 'Condition/c2' },
        },
      ],
    };
    const result = as<SearchBundle>(await client.transaction({ body: transaction }));
    expect(result.type).toBe('transaction-response');
    expect(result.entry?.map((e) => e.response?.status)).toEqual(['201 Created', '200 OK']);
    const condition = as<Condition>(await client.read({ resourceType: 'Condition', id: 'c2' }));
    expect(condition.subject.reference).toBe('Patient/9a1f3c2e-1111-4b5e-8f00-000000000001');
  });

  it('answers malformed JSON bodies with a 400 OperationOutcome', async () => {
    const res = await fetch(baseUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/fhir+json' },
      body: '{not json',
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as OperationOutcome).resourceType).toBe('OperationOutcome');
  });
});
