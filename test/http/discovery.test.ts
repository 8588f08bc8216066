import request from 'supertest';
import { readFileSync } from 'node:fs';
import { createApp } from '../../src/app.js';
import { testConfig } from '../support/test-config.js';

const app = createApp(testConfig());
const file = JSON.parse(readFileSync('cds-services.json', 'utf8'));

function hasNull(v: unknown): boolean {
  if (v === null) return true;
  if (Array.isArray(v)) return v.some(hasNull);
  if (typeof v === 'object') return Object.values(v as object).some(hasNull);
  return false;
}

describe('GET /cds-services (discovery)', () => {
  test('serves cds-services.json as the source of truth', async () => {
    const res = await request(app).get('/cds-services').expect(200).expect('Content-Type', /json/);
    expect(res.body).toEqual(file);
    expect(hasNull(res.body)).toBe(false);
  });

  test('each service has the required fields and a patient-view service exists', async () => {
    const { body } = await request(app).get('/cds-services');
    for (const s of body.services) {
      expect(s).toEqual(expect.objectContaining({ hook: expect.any(String), id: expect.any(String), description: expect.any(String) }));
    }
    expect(body.services.map((s: { hook: string }) => s.hook)).toContain('patient-view');
  });

  test('prefetch templates stay within the spec query subset: a read, or a type search by patient', () => {
    for (const s of file.services) {
      for (const [key, t] of Object.entries<string>(s.prefetch ?? {})) {
        expect([key, t]).toEqual([key, expect.stringMatching(/^(Patient\/\{\{context\.patientId\}\}|[A-Z][A-Za-z]+\?patient=\{\{context\.patientId\}\}(&[a-z-]+=[^&{}]+)*)$/)]);
      }
    }
  });

  test('an unknown route is a 404 with an OperationOutcome', async () => {
    const res = await request(app).get('/nope').expect(404);
    expect(res.body.resourceType).toBe('OperationOutcome');
  });

  test('rule metadata behind card source urls', async () => {
    const res = await request(app).get('/rules/RC-02').expect(200);
    expect(res.body).toMatchObject({ id: 'RC-02', evidence: { level: 'I-A' } });
    await request(app).get('/rules/RC-99').expect(404);
  });
});
