import { z } from 'zod';
import { sizeToBytes } from './env-schemas.js';
import { learningEnvShape, learningSettings } from './learning-env.js';
import { securityEnvShape, securitySettings } from './security-env.js';
import { clinicalEnvShape, serviceEnvShape, smartEnvShape } from './service-env.js';
import type { Config, Mode } from './types.js';

const EnvSchema = z
  .object({ ...serviceEnvShape, ...clinicalEnvShape, ...smartEnvShape, ...securityEnvShape, ...learningEnvShape })
  .superRefine((e, ctx) => {
    // A limit on what calls hold at once below what one call may take would refuse that call for ever.
    if (e.BODY_BYTES_IN_FLIGHT !== undefined && e.BODY_BYTES_IN_FLIGHT < sizeToBytes(e.JSON_BODY_LIMIT)) {
      ctx.addIssue({ code: 'custom', path: ['BODY_BYTES_IN_FLIGHT'], message: `must be at least JSON_BODY_LIMIT (${e.JSON_BODY_LIMIT})` });
    }
    if (e.FHIR_BYTES_IN_FLIGHT !== undefined && e.FHIR_BYTES_IN_FLIGHT < e.FHIR_MAX_BYTES) {
      ctx.addIssue({ code: 'custom', path: ['FHIR_BYTES_IN_FLIGHT'], message: 'must be at least FHIR_MAX_BYTES' });
    }
  });

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** Validate the environment once, at start-up; throws `ConfigError` listing every bad variable. */
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
    ...learningSettings(e),
    mode,
    port,
    host: e.HOST,
    publicBaseUrl,
    fhirTimeoutMs: e.FHIR_TIMEOUT_MS,
    fhirMaxPages: e.FHIR_MAX_PAGES,
    jsonBodyLimit: e.JSON_BODY_LIMIT,
    bodyBytesInFlight: e.BODY_BYTES_IN_FLIGHT ?? 2 * sizeToBytes(e.JSON_BODY_LIMIT),
    logLevel: e.LOG_LEVEL,
    cardLayout: e.CARD_LAYOUT,
    ruleSet: e.RULE_SET,
    disabledRules: e.DISABLED_RULES,
    rectosigmoidInScope: e.RECTOSIGMOID_IN_SCOPE,
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
