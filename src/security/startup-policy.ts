import type { AuthConfig, Config } from '../config/types.js';

/** Is client authentication enforced? Only with trusted issuers, and not when explicitly disabled. */
export function authEnforced(auth: AuthConfig): boolean {
  return !auth.disabled && auth.trustedIssuers.length > 0;
}

/**
 * What production mode refuses to start with. A CDS service holds live EHR tokens and calls URLs its callers
 * name: without client authentication, or with plain-http FHIR calls, it must not run in production.
 */
export function startupRefusals(config: Config): string[] {
  if (config.mode !== 'production') return [];
  const out: string[] = [];
  if (!config.auth.disabled && config.auth.trustedIssuers.length === 0) {
    out.push(
      'CDS_TRUSTED_ISSUERS is empty: production does not start without CDS client authentication ' +
        '(AUTH_DISABLED=true turns it off explicitly, e.g. behind a gateway that authenticates the EHR)',
    );
  }
  if (config.fhirAllowHttp) out.push('FHIR_ALLOW_HTTP=true is for demo mode only: production calls FHIR servers over https');
  const http = config.fhirAllowedServers.filter((a) => a.protocol !== 'https:').map((a) => `http://${a.hostname}:${a.port}${a.pathPrefix}`);
  if (http.length > 0) out.push(`FHIR_ALLOWED_SERVERS: production calls FHIR servers over https only (${http.join(', ')})`);
  return out;
}

/** Allowed but worth a line in the log at start-up. */
export function startupWarnings(config: Config): string[] {
  const out: string[] = [];
  if (!authEnforced(config.auth)) {
    out.push(
      config.auth.disabled
        ? 'AUTH_DISABLED=true: CDS client JWTs are not checked; any caller that reaches this service is served'
        : 'CDS client authentication is OFF (no CDS_TRUSTED_ISSUERS): any caller is served; demo mode only',
    );
  }
  if (config.mode === 'production' && config.fhirAllowedServers.length === 0) {
    out.push('FHIR_ALLOWED_SERVERS is empty: the service uses prefetch only and refuses every fhirServer (412)');
  }
  if (config.mode === 'production' && config.demoBackendClients.length > 0) {
    out.push('DEMO_BACKEND_CLIENTS is for the demo embedded FHIR server only: ignored in production');
  }
  if (config.corsOrigins.includes('*')) out.push('CORS_ORIGINS=*: any web page may call this service from a browser');
  if (config.mode === 'production' && !config.publicBaseUrl.startsWith('https://')) {
    out.push(`PUBLIC_BASE_URL ${config.publicBaseUrl} is not https: EHRs must call CDS services over TLS`);
  }
  return out;
}
