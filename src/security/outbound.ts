import type { AllowedServer, Config, Mode } from '../config/types.js';
import { classifyAddress, classifyHost } from './addresses.js';

export interface OutboundPolicy {
  mode: Mode;
  allowedServers: AllowedServer[];
  /** Demo only: plain http to non-loopback hosts (e.g. a FHIR server on a docker network). */
  allowHttp: boolean;
}

/** The port a URL connects to, written or implied by its scheme. */
export const effectivePort = (u: URL): string => u.port || (u.protocol === 'https:' ? '443' : '80');
const trimSlash = (path: string) => path.replace(/\/+$/, '');

function matches(u: URL, a: AllowedServer): boolean {
  const path = trimSlash(u.pathname);
  return (
    u.protocol === a.protocol &&
    u.hostname === a.hostname &&
    effectivePort(u) === a.port &&
    (path === a.pathPrefix || path.startsWith(`${a.pathPrefix}/`))
  );
}

/**
 * May the service call this `fhirServer` (with the EHR's token)? Returns the reason when not. This judges the
 * URL as written; `checkResolvedAddress` judges, at connection time, the addresses a hostname resolves to.
 * - A configured allow-list must match (any mode); production requires one and https.
 * - Demo without an allow-list: loopback over http or https; other hosts over https only (unless
 *   `FHIR_ALLOW_HTTP`); private, link-local (cloud metadata), unspecified and reserved addresses never.
 * In production, naming a host in the allow-list is what makes it trusted: its addresses are not judged.
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
  if (host === 'private' || host === 'link-local' || host === 'unspecified' || host === 'reserved') {
    return `${host} addresses are not called unless listed in FHIR_ALLOWED_SERVERS`;
  }
  if (u.protocol === 'http:' && host !== 'loopback' && !policy.allowHttp) return 'https is required (http only on loopback)';
  return undefined;
}

/** The outbound policy a configuration describes. */
export function outboundPolicyOf(config: Pick<Config, 'mode' | 'fhirAllowedServers' | 'fhirAllowHttp'>): OutboundPolicy {
  return { mode: config.mode, allowedServers: config.fhirAllowedServers, allowHttp: config.fhirAllowHttp };
}

/**
 * May the service connect to `address`, which `hostname` resolved to, for a `fhirServer` the URL check
 * allowed? Only without an allow-list (demo): the address must not be private, link-local, unspecified or
 * reserved (also when carried inside an IPv6 form), and plain http goes to loopback only unless
 * `FHIR_ALLOW_HTTP` (`http://x.localhost` is loopback only when it resolves there).
 */
export function checkResolvedAddress(hostname: string, address: string, protocol: string, policy: OutboundPolicy): string | undefined {
  if (policy.allowedServers.length > 0) return undefined;
  const kind = classifyAddress(address);
  if (kind === 'private' || kind === 'link-local' || kind === 'unspecified' || kind === 'reserved' || kind === 'hostname') {
    return `${hostname} resolves to ${address}, a ${kind === 'hostname' ? 'malformed' : kind} address: not called unless listed in FHIR_ALLOWED_SERVERS`;
  }
  if (protocol === 'http:' && kind !== 'loopback' && !policy.allowHttp) return `${hostname} resolves to ${address}: plain http only to loopback`;
  return undefined;
}
