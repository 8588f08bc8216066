import { ConfigError, loadConfig } from '../../src/config/load-config.js';
import { startupRefusals, startupWarnings } from '../../src/security/startup-policy.js';
import { readExternalFixture } from '../support/external-fixtures.js';

const configError = (env: Record<string, string>): string => {
  try {
    loadConfig(env);
  } catch (e) {
    if (e instanceof ConfigError) return e.message;
    throw e;
  }
  throw new Error('expected a ConfigError');
};

const issuers = (list: unknown) => JSON.stringify(list);

describe('trust settings from the environment', () => {
  test('defaults: open demo, sandbox CORS, 32 MB and 50,000 resources per request, 30 s skew, 300 s tokens', () => {
    expect(loadConfig({})).toMatchObject({
      auth: { disabled: false, discovery: false, trustedIssuers: [], clockSkewSeconds: 30, maxTokenLifetimeSeconds: 300 },
      fhirAllowedServers: [],
      fhirAllowHttp: false,
      fhirMaxBytes: 32 * 1024 * 1024,
      fhirMaxEntries: 50_000,
      corsOrigins: ['https://sandbox.cds-hooks.org'],
      metricsToken: undefined,
      shutdownTimeoutMs: 10_000,
    });
    expect(loadConfig({ CDS_MODE: 'production' }).corsOrigins).toEqual([]);
  });

  test('values are parsed', () => {
    const c = loadConfig({
      CDS_TRUSTED_ISSUERS: issuers([{ iss: 'https://ehr.example.org', jwksUrl: 'https://ehr.example.org/jwks', jkuAllow: ['https://ehr.example.org/jku'] }]),
      AUTH_DISCOVERY: 'true',
      AUTH_CLOCK_SKEW_S: '10',
      FHIR_ALLOWED_SERVERS: 'https://ehr.example.org/fhir/, https://10.0.0.5:8443/r4',
      FHIR_MAX_BYTES: '8mb',
      CORS_ORIGINS: 'https://sandbox.cds-hooks.org, http://localhost:3000',
      METRICS_TOKEN: 'sixteen-chars-or-more',
    });
    expect(c.auth.trustedIssuers).toEqual([{ iss: 'https://ehr.example.org', jwksUrl: 'https://ehr.example.org/jwks', jkuAllow: ['https://ehr.example.org/jku'] }]);
    expect(c.fhirAllowedServers).toEqual([
      { protocol: 'https:', hostname: 'ehr.example.org', port: '443', pathPrefix: '/fhir' },
      { protocol: 'https:', hostname: '10.0.0.5', port: '8443', pathPrefix: '/r4' },
    ]);
    expect(c).toMatchObject({ fhirMaxBytes: 8 * 1024 * 1024, corsOrigins: ['https://sandbox.cds-hooks.org', 'http://localhost:3000'], auth: { discovery: true, clockSkewSeconds: 10 } });
  });

  test("the spec's public JWK Set is accepted inline", () => {
    const jwks = JSON.parse(readExternalFixture('cds-hooks-spec/jwks-public.json'));
    expect(loadConfig({ CDS_TRUSTED_ISSUERS: issuers([{ iss: 'https://fhir-ehr.example.com/', jwks }]) }).auth.trustedIssuers[0]?.jwks).toEqual(jwks);
  });

  test.each<[string, Record<string, string>, RegExp]>([
    ['issuers that are not JSON', { CDS_TRUSTED_ISSUERS: '[{iss:' }, /CDS_TRUSTED_ISSUERS: must be a JSON array/],
    ['an issuer without keys', { CDS_TRUSTED_ISSUERS: issuers([{ iss: 'https://ehr.test' }]) }, /needs jwksUrl, jwks or jkuAllow/],
    ['a JWKS URL over http to a remote host', { CDS_TRUSTED_ISSUERS: issuers([{ iss: 'x', jwksUrl: 'http://ehr.test/jwks' }]) }, /https URL \(http only on loopback\)/],
    [
      'a private key in the inline JWK Set',
      { CDS_TRUSTED_ISSUERS: issuers([{ iss: 'x', jwks: { keys: [JSON.parse(readExternalFixture('cds-hooks-spec/jwk-private-ES384-TEST-ONLY.json'))] } }]) },
      /must be a public key/,
    ],
    ['a symmetric key', { CDS_TRUSTED_ISSUERS: issuers([{ iss: 'x', jwks: { keys: [{ kty: 'oct', kid: 'h', k: 'c2VjcmV0' }] } }]) }, /CDS_TRUSTED_ISSUERS/],
    ['an issuer listed twice', { CDS_TRUSTED_ISSUERS: issuers([{ iss: 'x', jkuAllow: ['https://a.test/j'] }, { iss: 'x', jkuAllow: ['https://a.test/j'] }]) }, /each iss may appear once/],
    ['an unknown member (a typo)', { CDS_TRUSTED_ISSUERS: issuers([{ iss: 'x', jwksURL: 'https://a.test/j' }]) }, /CDS_TRUSTED_ISSUERS/],
    ['an allowed server with a query', { FHIR_ALLOWED_SERVERS: 'https://ehr.test/fhir?x=1' }, /FHIR_ALLOWED_SERVERS: https:\/\/ehr\.test\/fhir\?x=1: no credentials, query or fragment/],
    ['an allowed server that is not a URL', { FHIR_ALLOWED_SERVERS: 'ehr.test' }, /FHIR_ALLOWED_SERVERS: ehr\.test is not a URL/],
    ['a CORS origin with a path', { CORS_ORIGINS: 'https://sandbox.cds-hooks.org/app' }, /CORS_ORIGINS/],
    ['a short metrics token', { METRICS_TOKEN: 'short' }, /METRICS_TOKEN: at least 16 characters/],
    ['a byte cap without unit', { FHIR_MAX_BYTES: '1000000' }, /FHIR_MAX_BYTES/],
  ])('%s: a ConfigError naming the variable', (_name, env, message) => {
    expect(configError(env)).toMatch(message);
  });
});

describe('production start-up refusals', () => {
  const prod = (env: Record<string, string> = {}) => loadConfig({ CDS_MODE: 'production', ...env });
  const trusted = issuers([{ iss: 'https://ehr.example.org', jwksUrl: 'https://ehr.example.org/jwks' }]);

  test('no trusted issuers: refused', () => {
    expect(startupRefusals(prod())).toEqual([expect.stringMatching(/CDS_TRUSTED_ISSUERS is empty/)]);
  });

  test('authentication explicitly disabled: starts, with a warning', () => {
    const c = prod({ AUTH_DISABLED: 'true', FHIR_ALLOWED_SERVERS: 'https://ehr.example.org/fhir', PUBLIC_BASE_URL: 'https://cds.example.org' });
    expect(startupRefusals(c)).toEqual([]);
    expect(startupWarnings(c)).toEqual([expect.stringMatching(/AUTH_DISABLED=true: CDS client JWTs are not checked/)]);
  });

  test('plain http to FHIR servers: refused', () => {
    const refusals = startupRefusals(prod({ CDS_TRUSTED_ISSUERS: trusted, FHIR_ALLOW_HTTP: 'true', FHIR_ALLOWED_SERVERS: 'http://ehr.example.org/fhir' }));
    expect(refusals).toEqual([expect.stringMatching(/FHIR_ALLOW_HTTP=true is for demo mode only/), expect.stringMatching(/over https only \(http:\/\/ehr\.example\.org:80\/fhir\)/)]);
  });

  test('a well-configured production start: no refusal, no warning', () => {
    const c = prod({ CDS_TRUSTED_ISSUERS: trusted, FHIR_ALLOWED_SERVERS: 'https://ehr.example.org/fhir', PUBLIC_BASE_URL: 'https://cds.example.org' });
    expect(startupRefusals(c)).toEqual([]);
    expect(startupWarnings(c)).toEqual([]);
  });

  test('warnings: prefetch-only production, CORS for everyone, a public URL without TLS', () => {
    const warnings = startupWarnings(prod({ CDS_TRUSTED_ISSUERS: trusted, CORS_ORIGINS: '*' }));
    expect(warnings).toEqual([
      expect.stringMatching(/FHIR_ALLOWED_SERVERS is empty: the service uses prefetch only/),
      expect.stringMatching(/CORS_ORIGINS=\*/),
      expect.stringMatching(/PUBLIC_BASE_URL http:\/\/localhost:8080 is not https/),
    ]);
  });

  test('demo mode never refuses, and says when it is open', () => {
    expect(startupRefusals(loadConfig({}))).toEqual([]);
    expect(startupWarnings(loadConfig({}))).toEqual([expect.stringMatching(/authentication is OFF/)]);
  });
});
