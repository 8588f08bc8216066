/**
 * The FHIR interaction a request path (relative to the FHIR base) names, as a route pattern for metrics and
 * logs: a bounded set of labels whatever the ids and types in the path.
 * @see https://hl7.org/fhir/R4/http.html
 */
export function fhirRoutePattern(path: string): string {
  const segments = path.split('?')[0]!.split('/').filter(Boolean);
  const [type, second, third] = segments;
  if (type === undefined) return '';
  if (type === 'metadata' && segments.length === 1) return '/metadata';
  if (type === '.well-known') return '/.well-known/*';
  if (segments.length === 1) return '/:type';
  if (second === '_search' && segments.length === 2) return '/:type/_search';
  if (segments.length === 2) return '/:type/:id';
  if (third === '_history') return segments.length === 3 ? '/:type/:id/_history' : '/:type/:id/_history/:vid';
  return '/:type/:id/*';
}

/** Reads (and searches by POST) are the FHIR server's bulk traffic; writes are worth an info line. */
export function isFhirRead(method: string, path: string): boolean {
  return method === 'GET' || method === 'HEAD' || (method === 'POST' && fhirRoutePattern(path) === '/:type/_search');
}
