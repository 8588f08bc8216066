import type { Config } from '../../src/config/types.js';
import { scenarioById } from '../../src/fixtures/scenarios/index.js';
import { patientViewRequest, prefetchFor, service } from './prefetch.js';
import { testConfig } from './test-config.js';

/** A fixed pseudonym key for tests (the demo key file is never written by tests). */
export const TEST_PSEUDONYM_KEY = 'test-pseudonym-key-0123456789-abcdefghijklmnop';

export function learningConfig(overrides: Partial<Config> = {}): Config {
  return testConfig({ pseudonymKey: TEST_PSEUDONYM_KEY, ...overrides });
}

export const patientView = service('patient-view');

/** A patient-view request for a vignette patient with its record as prefetch, as of `now`. */
export function vignetteRequest(id: string, now: Date, extra: Record<string, unknown> = {}) {
  const scenario = scenarioById(id);
  if (!scenario) throw new Error(`no scenario ${id}`);
  return patientViewRequest(scenario.patientId, { prefetch: prefetchFor(patientView, scenario.record(now)), ...extra });
}

export interface CardJson {
  uuid: string;
  indicator: string;
  summary: string;
  detail: string;
  source: { topic: { code: string } };
  extension: Record<string, string[]>;
  suggestions?: { uuid: string; label: string }[];
  overrideReasons?: { system: string; code: string; display: string }[];
}

export const ruleOf = (c: CardJson) => c.source.topic.code;
