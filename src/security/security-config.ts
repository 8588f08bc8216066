import { z } from 'zod';
import type { Mode } from '../config.js';
import { TrustedIssuersEnv, type TrustedIssuer } from '../http/auth/trusted-issuers.js';
import { parseAllowedServer, type AllowedServer } from './outbound.js';

/**
 * The trust and operations part of the configuration (`Config` extends it): client authentication, outbound
 * FHIR calls, CORS, metrics and shutdown. Parsed with the rest of the environment in `loadConfig`.
 */
export interface AuthConfig {
  /** Explicitly off (`AUTH_DISABLED=true`). Without trusted issuers the service is open as well. */
  disabled: boolean;
  /** Also require a client JWT on `GET /cds-services`. */
  discovery: boolean;
  trustedIssuers: TrustedIssuer[];
  clockSkewSeconds: number;
  /** Longest accepted JWT lifetime (`exp` - now); also how long a `jti` is remembered. */
  maxTokenLifetimeSeconds: number;
}

export interface SecurityConfig {
  auth: AuthConfig;
  /** Where the service may call with the EHR's token; empty: any https host in demo, nothing in production. */
  fhirAllowedServers: AllowedServer[];
  /** Demo only: plain http to non-loopback FHIR servers. */
  fhirAllowHttp: boolean;
  /** Bytes read at most from FHIR servers for one hook request. */
  fhirMaxBytes: number;
  /** Resources (Bundle entries) read at most from FHIR servers for one hook request. */
  fhirMaxEntries: number;
  /** Browser origins allowed by CORS; `['*']` for any (never with credentials). */
  corsOrigins: string[];
  /** When set, `GET /metrics` requires `Authorization: Bearer <token>`. */
  metricsToken: string | undefined;
  /** How long SIGTERM waits for in-flight requests before forcing the exit. */
  shutdownTimeoutMs: number;
}

/** The CDS Hooks sandbox runs in a browser at this origin; allowed by default in demo mode. */
export const CDS_HOOKS_SANDBOX_ORIGIN = 'https://sandbox.cds-hooks.org';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const list = (s: string) =>
  s
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);

const size = z
  .string()
  .regex(/^\d+(b|kb|mb)$/i, 'a size such as 32mb or 500kb')
  .transform((s) => {
    const [, n, unit] = /^(\d+)(b|kb|mb)$/i.exec(s)!;
    return Number(n) * ({ b: 1, kb: 1024, mb: 1024 * 1024 } as const)[unit!.toLowerCase() as 'b' | 'kb' | 'mb'];
  });

const origin = (o: string) => {
  try {
    const u = new URL(o);
    return (u.protocol === 'https:' || u.protocol === 'http:') && u.origin === o.replace(/\/$/, '');
  } catch {
    return false;
  }
};

/** The environment variables of this part; spread into the main schema in `src/config.ts`. */
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
  FHIR_MAX_BYTES: size.default(32 * 1024 * 1024),
  FHIR_MAX_ENTRIES: z.coerce.number().int().min(100).max(1_000_000).default(50_000),
  CORS_ORIGINS: z
    .string()
    .transform(list)
    .refine((os) => os.every((o) => o === '*' || origin(o)), 'a comma-separated list of origins (https://host[:port]) or *')
    .optional(),
  METRICS_TOKEN: z.string().min(16, 'at least 16 characters').optional(),
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(1000).max(120_000).default(10_000),
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
    corsOrigins: (e.CORS_ORIGINS ?? (mode === 'demo' ? [CDS_HOOKS_SANDBOX_ORIGIN] : [])).map((o) => o.replace(/\/$/, '')),
    metricsToken: e.METRICS_TOKEN,
    shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS,
  };
}

/** Is client authentication enforced? Only with trusted issuers, and not when explicitly disabled. */
export function authEnforced(auth: AuthConfig): boolean {
  return !auth.disabled && auth.trustedIssuers.length > 0;
}
