import { ConfigError, loadConfig } from '../src/config/load-config.js';

describe('configuration from the environment', () => {
  test('defaults: demo mode, port 8080, 2.5 s FHIR budget, extended rules', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({
      mode: 'demo',
      port: 8080,
      fhirTimeoutMs: 2500,
      ruleSet: 'extended',
      disabledRules: [],
      rectosigmoidInScope: false,
      publicBaseUrl: 'http://localhost:8080',
    });
  });

  test('production by CDS_MODE or NODE_ENV', () => {
    expect(loadConfig({ CDS_MODE: 'production' }).mode).toBe('production');
    expect(loadConfig({ NODE_ENV: 'production' }).mode).toBe('production');
    expect(loadConfig({ NODE_ENV: 'production', CDS_MODE: 'demo' }).mode).toBe('demo');
  });

  test('values are parsed and normalised', () => {
    const c = loadConfig({
      PORT: '9000',
      FHIR_TIMEOUT_MS: '1000',
      DISABLED_RULES: 'rc-05, RC-E4',
      RULE_SET: 'seed-only',
      RECTOSIGMOID_IN_SCOPE: 'true',
      PUBLIC_BASE_URL: 'https://cds.example.org/',
      JSON_BODY_LIMIT: '5mb',
    });
    expect(c).toMatchObject({
      port: 9000,
      fhirTimeoutMs: 1000,
      disabledRules: ['RC-05', 'RC-E4'],
      ruleSet: 'seed-only',
      rectosigmoidInScope: true,
      publicBaseUrl: 'https://cds.example.org',
      jsonBodyLimit: '5mb',
    });
  });

  test('empty variables fall back to defaults', () => {
    expect(loadConfig({ PORT: '' }).port).toBe(8080);
  });

  test('every invalid variable is named in one readable error', () => {
    let err: unknown;
    try {
      loadConfig({ PORT: 'eighty', RULE_SET: 'all', DISABLED_RULES: 'RC-05,drop-table', FHIR_TIMEOUT_MS: '5' });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    const msg = (err as Error).message;
    for (const v of ['PORT', 'RULE_SET', 'DISABLED_RULES', 'FHIR_TIMEOUT_MS']) expect(msg).toContain(v);
  });
});
