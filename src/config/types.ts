/**
 * The service's configuration as the code sees it: read once from the environment at start-up
 * (`load-config.ts`), validated, then passed down. Nothing else in the code reads `process.env`.
 * Types only: each part's environment schema lives beside it (`service-env.ts`, `security-env.ts`).
 */
export type Mode = 'demo' | 'production';
export type RuleSet = 'extended' | 'seed-only';
export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

/**
 * A CDS client (EHR) this service trusts: its `iss` and where its public keys are.
 * @see https://cds-hooks.hl7.org/2.0/#trusting-cds-clients
 */
export interface TrustedIssuer {
  iss: string;
  /** The issuer's JWK Set URL, used unless the JWT header has a `jku` on `jkuAllow`. */
  jwksUrl?: string;
  /** Inline public keys, used unless the JWT header has a `jku` on `jkuAllow` (and no `jwksUrl` is given). */
  jwks?: { keys: Record<string, unknown>[] };
  /**
   * `jku` header values honoured for this issuer. Any other `jku` is never fetched: it is ignored when the
   * issuer has `jwksUrl` or `jwks`, and refused when it has neither.
   */
  jkuAllow: string[];
}

/** One `FHIR_ALLOWED_SERVERS` entry: scheme, host, port and a path prefix (matched on whole segments). */
export interface AllowedServer {
  protocol: 'http:' | 'https:';
  hostname: string;
  port: string;
  pathPrefix: string;
}

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

/** Trust and operations: client authentication, outbound FHIR calls, CORS, metrics and shutdown. */
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
  /** Hook requests reading from FHIR servers at once; one more gets 503. */
  fhirConcurrentCalls: number;
  /** Bytes all hook requests together may be reading from FHIR servers at once; beyond, 503. */
  fhirBytesInFlight: number;
  /** Browser origins allowed by CORS; `['*']` for any (never with credentials). */
  corsOrigins: string[];
  /** When set, `GET /metrics` requires `Authorization: Bearer <token>`. */
  metricsToken: string | undefined;
  /** Operators' token: outside demo mode, `?explain=true` on a hook call needs it in `X-Operator-Token`. */
  operatorToken: string | undefined;
  /** How long SIGTERM waits for in-flight requests before forcing the exit. */
  shutdownTimeoutMs: number;
  /**
   * Demo only: SMART Backend Services clients (id and public keys) of the embedded FHIR server; when any is
   * set, its Bulk Data export requires an access token from the demo token endpoint.
   */
  demoBackendClients: { clientId: string; jwks: { keys: Record<string, unknown>[] } }[];
}

/** The rules the service runs: the same settings drive the cards and the SMART app. */
export interface ClinicalConfig {
  ruleSet: RuleSet;
  disabledRules: string[];
  rectosigmoidInScope: boolean;
}

/** The SMART app as the EHR registers it. */
export interface SmartConfig {
  /** SMART app launch URL put in card links (`type: "smart"`); the EHR appends `iss` and `launch`. */
  smartLaunchUrl: string;
  /** OAuth client_id the SMART app is registered under at the EHR. */
  smartClientId: string;
  /** Scopes the SMART app asks for (space-separated). */
  smartScopes: string;
}

/** Where and how the service listens and reads FHIR data. */
export interface ServiceConfig {
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
  /** Request-body bytes held at once by hook and feedback calls (declared on arrival, until answered); beyond, 503. */
  bodyBytesInFlight: number;
  logLevel: LogLevel;
  /** patient-view cards: `plan` (alerts alone, the rest in one plan card) or `separate` (one card per rule). */
  cardLayout: 'plan' | 'separate';
}

/** A coded override reason (`overrideReason.reason` of CDS Hooks feedback). */
export interface OverrideCode {
  system: string;
  code: string;
}

/** The learning loop: where the card ledger and feedback are stored, snooze, shadow rules and analytics. */
export interface LearningConfig {
  /** Directory of the embedded database and the demo pseudonym key. */
  dataDir: string;
  /** PostgreSQL instead of the embedded database (several replicas share it). */
  databaseUrl: string | undefined;
  databasePoolMax: number;
  /** Record every card answered and store feedback; off: feedback is validated and logged only. */
  ledger: boolean;
  retentionDays: number;
  /** HMAC key of the patient and user pseudonyms; demo mode generates one in `dataDir` when unset. */
  pseudonymKey: string | undefined;
  /** Operator token of `/analytics`; without it analytics are open in demo mode and off in production. */
  analyticsToken: string | undefined;
  /** Days an info recommendation overridden with a snooze reason stays hidden for that patient (0: off). */
  snoozeDays: number;
  snoozeReasons: OverrideCode[];
  /** Rules evaluated and recorded in the ledger, never shown. */
  shadowRules: string[];
}

export interface Config extends ServiceConfig, ClinicalConfig, SmartConfig, SecurityConfig, LearningConfig {}
