import { loadConfig } from '../../src/config/load-config.js';
import type { Config } from '../../src/config/types.js';

/** Configuration for tests: demo defaults, quiet logs, overridable. */
export function testConfig(overrides: Partial<Config> = {}): Config {
  // Open like demo mode, plus http FHIR servers on test hosts (nock) that are not loopback.
  return { ...loadConfig({ LOG_LEVEL: 'silent', FHIR_ALLOW_HTTP: 'true' }), ...overrides };
}
