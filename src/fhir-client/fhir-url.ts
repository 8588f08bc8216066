import { isDotSegment } from '../domain/ids.js';

/** The base of a FHIR server as a URL whose path ends in exactly one `/`, so relative paths land under it. */
function baseOf(fhirServer: string): URL {
  const base = new URL(fhirServer);
  base.pathname = `${base.pathname.replace(/\/+$/, '')}/`;
  return base;
}

/**
 * The path of `url` as written, split into segments the way a WHATWG URL parser sees them (tabs and newlines
 * dropped, `\` as `/`), before any resolution: a dot segment must be caught here, resolution removes it.
 */
function rawSegments(url: string): string[] {
  const cleaned = url.replace(/[\t\n\r]/g, '');
  const path = cleaned.replace(/^[a-z][a-z0-9+.-]*:[/\\]{2}[^/\\?#]*/i, '').split(/[?#]/)[0] ?? '';
  return path.split(/[/\\]/);
}

/**
 * The URL to read for `url` (relative to the FHIR base, `Observation?patient=1`, or absolute), or why it may
 * not be read: no path segment made of dots (also percent-encoded), no credentials, and the result under
 * `fhirServer` (same origin, whole path segments). Every FHIR URL the service calls is built here.
 */
export function resolveUnder(fhirServer: string, url: string): { url: URL } | { refused: string } {
  let base: URL;
  let target: URL;
  try {
    base = baseOf(fhirServer);
    target = new URL(url, base);
  } catch {
    return { refused: 'is not a valid URL' };
  }
  if (rawSegments(url).some(isDotSegment)) return { refused: 'has a dot segment (. or ..)' };
  if (target.username || target.password) return { refused: 'carries credentials' };
  const prefix = base.pathname.replace(/\/+$/, '');
  const under = target.origin === base.origin && (target.pathname === prefix || target.pathname.startsWith(`${prefix}/`));
  return under ? { url: target } : { refused: 'points outside fhirServer' };
}
