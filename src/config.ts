import { z } from 'zod';
import { securityEnvShape, securitySettings, type SecurityConfig } from './security/security-config.js';

/**
 * The service's configuration: read once from the environment at start-up, validated, then passed down.
 * Nothing else in the code reads `process.env`.
 */
export type Mode = 'demo' | 'production';
export type RuleSet = 'extended' | 'seed-only';

/** Trust and operations settings (auth, outbound FHIR, CORS, metrics, shutdown) live in `SecurityConfig`. */
export interface Config extends SecurityConfig {
  mode: Mode;
  port: number;
  host: string;
  /** Public URL of this service, used in card links (`source.url`, SMART launch). No trailing slash. */
  publicBaseUrl: string;
  /** Time budget for all FHIR calls of one hook request (ms). */
  fhirTimeoutMs: number;
  /** Pages followed at most when a FHIR search result is paginated. */
  fhirMaxPages: number;
  /** express.json body limit, e.g. `32mb`. */
  jsonBodyLimit: string;
  ruleSet: RuleSet;
  disabledRules: string[];
  rectosigmoidInScope: boolean;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** SMART app launch URL put in card links (`type: "smart"`); the EHR appends `iss` and `launch`. */
  smartLaunchUrl: string;
  /** OAuth client_id the SMART app is registered under at the EHR. */
  smartClientId: string;
  /** Scopes the SMART app asks for (space-separated). */
  smartScopes: string;
}

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const ruleId = /^RC-(E?\d{1,2})$/;

/** Read access to what the SMART app shows: the same resource types as the service's prefetch templates. */
const DEFAULT_SMART_SCOPES = [
  'launch',
  ...['Patient', 'Condition', 'Observation', 'MedicationRequest', 'MedicationAdministration', 'MedicationStatement', 'Procedure', 'ServiceRequest', 'DiagnosticReport', 'ImagingStudy', 'CarePlan', 'Encounter'].map(
    (type) => `patient/${type}.read`,
  ),
  'openid',
  'fhirUser',
].join(' ');

const EnvSchema = z.object({
  ...securityEnvShape,
  CDS_MODE: z.enum(['demo', 'production']).optional(),
  NODE_ENV: z.string().optional(),
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().min(1).default('0.0.0.0'),
  PUBLIC_BASE_URL: z.url().optional(),
  FHIR_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(2500),
  FHIR_MAX_PAGES: z.coerce.number().int().min(1).max(1000).default(50),
  JSON_BODY_LIMIT: z
    .string()
    .regex(/^\d+(b|kb|mb)$/i, 'a size such as 32mb or 500kb')
    .default('32mb'),
  RULE_SET: z.enum(['extended', 'seed-only']).default('extended'),
  DISABLED_RULES: z
    .string()
    .default('')
    .transform((s) => s.split(',').map((x) => x.trim().toUpperCase()).filter(Boolean))
    .refine((ids) => ids.every((id) => ruleId.test(id)), 'a comma-separated list of rule ids such as RC-05,RC-E4'),
  RECTOSIGMOID_IN_SCOPE: bool.default(false),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SMART_LAUNCH_URL: z.url({ protocol: /^https?$/ }).optional(),
  SMART_CLIENT_ID: z.string().regex(/^[\x21-\x7e]{1,200}$/, 'a client id without spaces').default('rectal-cds'),
  SMART_SCOPES: z
    .string()
    .transform((s) => s.trim().split(/\s+/).join(' '))
    .refine((s) => s.length > 0, 'at least one scope')
    .default(DEFAULT_SMART_SCOPES),
});

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** Validate the environment; throws `ConfigError` listing every bad variable. */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const parsed = EnvSchema.safeParse(stripEmpty(env));
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const mode: Mode = e.CDS_MODE ?? (e.NODE_ENV === 'production' ? 'production' : 'demo');
  const port = e.PORT;
  const publicBaseUrl = (e.PUBLIC_BASE_URL ?? `http://localhost:${port}`).replace(/\/+$/, '');
  return {
    ...securitySettings(e, mode),
    mode,
    port,
    host: e.HOST,
    publicBaseUrl,
    fhirTimeoutMs: e.FHIR_TIMEOUT_MS,
    fhirMaxPages: e.FHIR_MAX_PAGES,
    jsonBodyLimit: e.JSON_BODY_LIMIT,
    ruleSet: e.RULE_SET,
    disabledRules: e.DISABLED_RULES,
    rectosigmoidInScope: e.RECTOSIGMOID_IN_SCOPE,
    logLevel: e.LOG_LEVEL,
    smartLaunchUrl: e.SMART_LAUNCH_URL ?? `${publicBaseUrl}/smart/launch`,
    smartClientId: e.SMART_CLIENT_ID,
    smartScopes: e.SMART_SCOPES,
  };
}

/** Empty variables count as unset, so `PORT=` falls back to the default instead of failing. */
function stripEmpty(env: Record<string, string | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) if (v !== undefined && v !== '') out[k] = v;
  return out;
}

/** Configuration for tests: demo defaults, quiet logs, overridable. */
export function testConfig(overrides: Partial<Config> = {}): Config {
  // Open like demo mode, plus http FHIR servers on test hosts (nock) that are not loopback.
  return { ...loadConfig({ LOG_LEVEL: 'silent', FHIR_ALLOW_HTTP: 'true' }), ...overrides };
}
