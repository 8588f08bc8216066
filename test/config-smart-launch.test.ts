import { readFileSync } from 'node:fs';
import { ConfigError, loadConfig } from '../src/config/load-config.js';

describe('SMART app configuration', () => {
  test('defaults: launch URL under PUBLIC_BASE_URL, client rectal-cds, read scopes for the prefetch resources', () => {
    const c = loadConfig({ PUBLIC_BASE_URL: 'https://cds.example.org' });
    expect(c.smartLaunchUrl).toBe('https://cds.example.org/smart/launch');
    expect(c.smartClientId).toBe('rectal-cds');
    const scopes = c.smartScopes.split(' ');
    expect(scopes).toEqual(expect.arrayContaining(['launch', 'openid', 'fhirUser', 'patient/Patient.read', 'patient/Observation.read', 'patient/MedicationAdministration.read', 'patient/Encounter.read']));
  });

  test('the default scopes read every resource type the discovery templates ask for', () => {
    const discovery = JSON.parse(readFileSync('cds-services.json', 'utf8')) as { services: { prefetch?: Record<string, string> }[] };
    const types = new Set(discovery.services.flatMap((svc) => Object.values(svc.prefetch ?? {}).map((t) => t.split(/[/?]/)[0] as string)));
    expect([...types]).toEqual(expect.arrayContaining(['Encounter', 'EpisodeOfCare', 'DocumentReference']));
    const scopes = loadConfig({}).smartScopes.split(' ');
    expect([...types].filter((t) => !scopes.includes(`patient/${t}.read`))).toEqual([]);
  });

  test('default launch URL follows PORT when no public URL is set', () => {
    expect(loadConfig({ PORT: '9090' }).smartLaunchUrl).toBe('http://localhost:9090/smart/launch');
  });

  test('SMART_LAUNCH_URL, SMART_CLIENT_ID and SMART_SCOPES override the defaults', () => {
    const c = loadConfig({
      SMART_LAUNCH_URL: 'https://apps.example.org/rectal/launch',
      SMART_CLIENT_ID: 'abc-123',
      SMART_SCOPES: '  launch   patient/*.read openid ',
    });
    expect(c.smartLaunchUrl).toBe('https://apps.example.org/rectal/launch');
    expect(c.smartClientId).toBe('abc-123');
    expect(c.smartScopes).toBe('launch patient/*.read openid');
  });

  test.each([
    ['SMART_LAUNCH_URL', 'not a url'],
    ['SMART_LAUNCH_URL', 'ftp://apps.example.org/launch'],
    ['SMART_CLIENT_ID', 'has space'],
    ['SMART_SCOPES', '   '],
  ])('an invalid %s stops the start with the variable named', (name, value) => {
    expect(() => loadConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [name]: value })).toThrow(new RegExp(name));
  });
});
