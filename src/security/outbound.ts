import type { Config, Mode } from '../config.js';
import { CdsError } from '../errors.js';
import type { FhirReaderFactory } from '../hooks/fhir-reader.js';
import { classifyHost } from './addresses.js';

/** One `FHIR_ALLOWED_SERVERS` entry: scheme, host, port and a path prefix (matched on whole segments). */
export interface AllowedServer {
  protocol: 'http:' | 'https:';
  hostname: string;
  port: string;
  pathPrefix: string;
}

export interface OutboundPolicy {
  mode: Mode;
  allowedServers: AllowedServer[];
  /** Demo only: plain http to non-loopback hosts (e.g. a FHIR server on a docker network). */
  allowHttp: boolean;
}

const effectivePort = (u: URL) => u.port || (u.protocol === 'https:' ? '443' : '80');
const trimSlash = (path: string) => path.replace(/\/+$/, '');

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
  return { protocol: u.protocol, hostname: u.hostname, port: effectivePort(u), pathPrefix: trimSlash(u.pathname) };
}

function matches(u: URL, a: AllowedServer): boolean {
  const path = trimSlash(u.pathname);
  return (
    u.protocol === a.protocol &&
    u.hostname === a.hostname &&
    effectivePort(u) === a.port &&
    (path === a.pathPrefix || path.startsWith(`${a.pathPrefix}/`))
  );
}

/** The URL as it may appear in a message: no credentials, no query. */
function shown(u: URL): string {
  return `${u.protocol}//${u.host}${u.pathname}`;
}

/**
 * May the service call this `fhirServer` (with the EHR's token)? Returns the reason when not.
 * - A configured allow-list must match (any mode); production requires one and https.
 * - Demo without an allow-list: loopback over http or https; other hosts over https only (unless
 *   `FHIR_ALLOW_HTTP`); private, link-local (cloud metadata) and unspecified addresses never.
 * Hostnames are not resolved: in production, naming a host in the allow-list is what makes it trusted.
 */
export function checkFhirServer(fhirServer: string, policy: OutboundPolicy): string | undefined {
  let u: URL;
  try {
    u = new URL(fhirServer);
  } catch {
    return 'it is not a URL';
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') return 'only http(s) FHIR servers are called';
  if (u.username || u.password) return 'credentials in the URL are not accepted';
  if (u.search || u.hash) return 'a FHIR base URL has no query or fragment';
  const host = classifyHost(u.hostname);

  if (policy.mode === 'production') {
    if (u.protocol !== 'https:') return 'production requires https';
    if (policy.allowedServers.length === 0) return 'no FHIR server is allowed (FHIR_ALLOWED_SERVERS is empty)';
  }
  if (policy.allowedServers.length > 0) {
    return policy.allowedServers.some((a) => matches(u, a)) ? undefined : 'it is not on FHIR_ALLOWED_SERVERS';
  }
  if (host === 'private' || host === 'link-local' || host === 'unspecified') {
    return `${host} addresses are not called unless listed in FHIR_ALLOWED_SERVERS`;
  }
  if (u.protocol === 'http:' && host !== 'loopback' && !policy.allowHttp) return 'https is required (http only on loopback)';
  return undefined;
}

/**
 * Wrap a reader factory so no reader exists for a refused `fhirServer`: the check runs before any call,
 * and the refusal is a 412 (the data cannot be obtained) naming the reason.
 * @see https://cds-hooks.hl7.org/2.0/#fhir-resource-access
 */
export function guardOutbound(policy: OutboundPolicy, factory: FhirReaderFactory): FhirReaderFactory {
  return (fhirServer, accessToken) => {
    const reason = checkFhirServer(fhirServer, policy);
    if (reason) {
      let where = 'fhirServer';
      try {
        where = `fhirServer ${shown(new URL(fhirServer))}`;
      } catch {
        // unparseable: named generically
      }
      throw new CdsError('precondition-failed', `${where} is not allowed: ${reason}`);
    }
    return factory(fhirServer, accessToken);
  };
}

/** The outbound policy a configuration describes. */
export function outboundPolicyOf(config: Pick<Config, 'mode' | 'fhirAllowedServers' | 'fhirAllowHttp'>): OutboundPolicy {
  return { mode: config.mode, allowedServers: config.fhirAllowedServers, allowHttp: config.fhirAllowHttp };
}
