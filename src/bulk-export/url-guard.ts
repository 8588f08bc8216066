import { checkFhirServer, type OutboundPolicy } from '../security/outbound.js';
import { BulkExportError } from './errors.js';

/**
 * May the export client call this URL? The service's outbound policy (the FHIR allow-list, https outside
 * loopback, no private or metadata addresses), judged on origin and path: kick-off and file URLs carry a query.
 * The addresses a hostname resolves to are judged again at connection time (`checkedLookup`).
 */
export function guardUrl(url: string, what: string, policy: OutboundPolicy, base?: string): URL {
  let u: URL;
  try {
    u = new URL(url, base);
  } catch {
    throw new BulkExportError('bad-response', `the ${what} is not a URL`);
  }
  if (u.username || u.password) throw new BulkExportError('refused', `the ${what} carries credentials; not called`);
  const reason = checkFhirServer(`${u.origin}${u.pathname}`, policy);
  if (reason) throw new BulkExportError('refused', `the ${what} ${u.origin}${u.pathname} is not called: ${reason}`);
  return u;
}

/** The FHIR base of a kick-off URL: `[base]/Patient/$export`, `[base]/Group/{id}/$export` or `[base]/$export`. */
export function fhirBaseOf(kickOff: URL): string {
  const path = kickOff.pathname.replace(/\/(?:Patient\/|Group\/[^/]+\/)?\$export$/, '');
  return `${kickOff.origin}${path.replace(/\/+$/, '')}`;
}
