import { Client } from 'fhir-kit-client';
import { FhirReadError, type FhirReaderFactory } from './reader.js';

/** HTTP status fhir-kit-client attaches to a failed call, when the server answered. */
function statusOf(err: unknown): number | undefined {
  const status = (err as { response?: { status?: unknown } } | undefined)?.response?.status;
  return typeof status === 'number' ? status : undefined;
}

/** fhir-kit-client's failures in the port's terms. */
function asReadError(err: unknown): FhirReadError {
  const status = statusOf(err);
  // fhir-kit-client reports an unparseable 2xx body as an error carrying the 2xx status.
  if ((status !== undefined && status >= 200 && status < 300) || err instanceof SyntaxError) {
    return new FhirReadError('malformed', 'the FHIR server returned malformed JSON');
  }
  if (status !== undefined) return new FhirReadError('http', `the FHIR server answered HTTP ${status}`, status);
  return new FhirReadError('unreachable', 'the FHIR server could not be reached');
}

/**
 * fhir-kit-client over native fetch. Redirects are refused: a redirect could carry the token to another host.
 * It reads each body whole, without a size cap, so the app's default reader is `boundedFetchReader`; this one
 * serves the demo helpers and callers that inject it.
 */
export const fhirKitReader: FhirReaderFactory = (fhirServer, accessToken) => {
  const client = new Client({
    baseUrl: fhirServer,
    customHeaders: accessToken ? { Authorization: `Bearer ${accessToken}` } : {},
    requestOptions: { redirect: 'error' },
  });
  return {
    get: (url, signal) => client.request(url, { options: { signal } }).catch((err: unknown) => Promise.reject(asReadError(err))),
  };
};
