import { z } from 'zod';
import { isLoopbackHost } from '../security/addresses.js';
import { effectivePort } from '../security/outbound.js';
import { bool, list, sizeBytes } from './env-schemas.js';
import type { AllowedServer, Mode, SecurityConfig } from './types.js';

/** The trust and operations part of the environment (client authentication, outbound FHIR, CORS, metrics). */

/** The CDS Hooks sandbox runs in a browser at this origin; allowed by default in demo mode. */
export const CDS_HOOKS_SANDBOX_ORIGIN = 'https://sandbox.cds-hooks.org';

/** Key URLs must be https, except on loopback (tests, a local EHR simulator). */
const keyUrl = z.url({ protocol: /^https?$/ }).refine((u) => {
  const url = new URL(u);
  return url.protocol === 'https:' || isLoopbackHost(url.hostname);
}, 'must be an https URL (http only on loopback)');

/** Public key members only: a private or symmetric key in the configuration is a mistake worth refusing. */
const PublicJwk = z
  .object({ kty: z.enum(['EC', 'RSA', 'OKP']), kid: z.string().min(1) })
  .loose()
  .refine((k) => !('d' in k) && !('p' in k) && !('q' in k), 'must be a public key (no d, p or q)');

const TrustedIssuerSchema = z
  .object({
    iss: z.string().min(1),
    jwksUrl: keyUrl.optional(),
    jwks: z.object({ keys: z.array(PublicJwk).min(1) }).optional(),
    jkuAllow: z.array(keyUrl).default([]),
  })
  .strict()
  .refine((i) => i.jwksUrl || i.jwks || i.jkuAllow.length > 0, 'needs jwksUrl, jwks or jkuAllow');

const TrustedIssuersSchema = z
  .array(TrustedIssuerSchema)
  .refine((issuers) => new Set(issuers.map((i) => i.iss)).size === issuers.length, 'each iss may appear once');

/**
 * `CDS_TRUSTED_ISSUERS`: a JSON array such as
 * `[{"iss":"https://ehr.example.org","jwksUrl":"https://ehr.example.org/jwks","jkuAllow":[]}]`.
 */
export const TrustedIssuersEnv = z
  .string()
  .transform((s, ctx) => {
    try {
      return JSON.parse(s) as unknown;
    } catch {
      ctx.addIssue({ code: 'custom', message: 'must be a JSON array of trusted issuers' });
      return z.NEVER;
    }
  })
  .pipe(TrustedIssuersSchema);

const BackendClientsSchema = z
  .array(
    z
      .object({
        clientId: z.string().regex(/^[\x21-\x7e]{1,200}$/, 'a client id without spaces'),
        jwks: z.object({ keys: z.array(PublicJwk).min(1) }),
      })
      .strict(),
  )
  .refine((clients) => new Set(clients.map((c) => c.clientId)).size === clients.length, 'each clientId may appear once');

/**
 * `DEMO_BACKEND_CLIENTS`: SMART Backend Services clients of the demo's embedded FHIR server (its Bulk Data
 * export), e.g. `[{"clientId":"audit","jwks":{"keys":[{"kty":"EC","crv":"P-384","kid":"k1","x":"...","y":"..."}]}}]`.
 */
export const BackendClientsEnv = z
  .string()
  .transform((s, ctx) => {
    try {
      return JSON.parse(s) as unknown;
    } catch {
      ctx.addIssue({ code: 'custom', message: 'must be a JSON array of {clientId, jwks}' });
      return z.NEVER;
    }
  })
  .pipe(BackendClientsSchema);

/** Parse an allow-list entry; returns an error message for a bad one. */
export function parseAllowedServer(entry: string): AllowedServer | string {
  let u: URL;
  try {
    u = new URL(entry);
  } catch {
    return `${entry} is not a URL`;
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') return `${entry}: only http(s) URLs`;
  if (u.username || u.password || u.search || u.hash) return `${entry}: no credentials, query or fragment`;
  return { protocol: u.protocol, hostname: u.hostname, port: effectivePort(u), pathPrefix: u.pathname.replace(/\/+$/, '') };
}

const isOrigin = (o: string) => {
  try {
    const u = new URL(o);
    return (u.protocol === 'https:' || u.protocol === 'http:') && u.origin === o.replace(/\/$/, '');
  } catch {
    return false;
  }
};

export const securityEnvShape = {
  CDS_TRUSTED_ISSUERS: TrustedIssuersEnv.optional(),
  AUTH_DISABLED: bool.default(false),
  AUTH_DISCOVERY: bool.default(false),
  AUTH_CLOCK_SKEW_S: z.coerce.number().int().min(0).max(300).default(30),
  AUTH_MAX_TOKEN_LIFETIME_S: z.coerce.number().int().min(30).max(3600).default(300),
  FHIR_ALLOWED_SERVERS: z
    .string()
    .transform((s, ctx) => {
      const out: AllowedServer[] = [];
      for (const entry of list(s)) {
        const parsed = parseAllowedServer(entry);
        if (typeof parsed === 'string') ctx.addIssue({ code: 'custom', message: parsed });
        else out.push(parsed);
      }
      return out;
    })
    .optional(),
  FHIR_ALLOW_HTTP: bool.default(false),
  FHIR_MAX_BYTES: sizeBytes.default(32 * 1024 * 1024),
  FHIR_MAX_ENTRIES: z.coerce.number().int().min(100).max(1_000_000).default(50_000),
  FHIR_CONCURRENT_CALLS: z.coerce.number().int().min(1).max(10_000).default(32),
  /** Default: four times FHIR_MAX_BYTES. */
  FHIR_BYTES_IN_FLIGHT: sizeBytes.optional(),
  CORS_ORIGINS: z
    .string()
    .transform(list)
    .refine((os) => os.every((o) => o === '*' || isOrigin(o)), 'a comma-separated list of origins (https://host[:port]) or *')
    .optional(),
  METRICS_TOKEN: z.string().min(16, 'at least 16 characters').optional(),
  OPERATOR_TOKEN: z.string().min(16, 'at least 16 characters').optional(),
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(1000).max(120_000).default(10_000),
  DEMO_BACKEND_CLIENTS: BackendClientsEnv.optional(),
};

type SecurityEnv = z.infer<z.ZodObject<typeof securityEnvShape>>;

export function securitySettings(e: SecurityEnv, mode: Mode): SecurityConfig {
  return {
    auth: {
      disabled: e.AUTH_DISABLED,
      discovery: e.AUTH_DISCOVERY,
      trustedIssuers: e.CDS_TRUSTED_ISSUERS ?? [],
      clockSkewSeconds: e.AUTH_CLOCK_SKEW_S,
      maxTokenLifetimeSeconds: e.AUTH_MAX_TOKEN_LIFETIME_S,
    },
    fhirAllowedServers: e.FHIR_ALLOWED_SERVERS ?? [],
    fhirAllowHttp: e.FHIR_ALLOW_HTTP,
    fhirMaxBytes: e.FHIR_MAX_BYTES,
    fhirMaxEntries: e.FHIR_MAX_ENTRIES,
    fhirConcurrentCalls: e.FHIR_CONCURRENT_CALLS,
    fhirBytesInFlight: e.FHIR_BYTES_IN_FLIGHT ?? 4 * e.FHIR_MAX_BYTES,
    corsOrigins: (e.CORS_ORIGINS ?? (mode === 'demo' ? [CDS_HOOKS_SANDBOX_ORIGIN] : [])).map((o) => o.replace(/\/$/, '')),
    metricsToken: e.METRICS_TOKEN,
    operatorToken: e.OPERATOR_TOKEN,
    shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS,
    demoBackendClients: e.DEMO_BACKEND_CLIENTS ?? [],
  };
}
