import { Client } from 'fhir-kit-client';

/**
 * Read access to the EHR's FHIR server. Handlers depend on this interface; the fhir-kit-client
 * implementation below is the real one, tests may pass an in-memory reader.
 */
export interface FhirReader {
  /** GET a URL relative to the FHIR base (`Observation?patient=1`) or an absolute URL under it. */
  get(url: string, signal: AbortSignal): Promise<unknown>;
}

export type FhirReaderFactory = (fhirServer: string, accessToken: string | undefined) => FhirReader;

/** Why a FHIR read failed, as a bounded set (metrics label, log field). */
export type FhirReadFailure = 'http' | 'unreachable' | 'content-type' | 'malformed' | 'too-large';

/**
 * A FHIR read that failed for a reason the reader understood. The message is safe to send to the client
 * (it never holds the token or response data) and is used as the 412 diagnostic.
 */
export class FhirReadError extends Error {
  override readonly name = 'FhirReadError';
  constructor(
    readonly reason: FhirReadFailure,
    message: string,
    readonly status?: number,
  ) {
    super(message);
  }
}

/** HTTP status of a failed FHIR call, when the server answered. */
export function httpStatusOf(err: unknown): number | undefined {
  const status = (err as { response?: { status?: unknown } } | undefined)?.response?.status;
  return typeof status === 'number' ? status : undefined;
}

/**
 * fhir-kit-client over native fetch. Redirects are refused: a redirect could carry the token to another host.
 * It reads each body whole, without a size cap, so the app's default reader is `boundedFetchReader`
 * (src/security/fhir-fetch-reader.ts); this one stays for callers that inject it.
 */
export const fhirKitReader: FhirReaderFactory = (fhirServer, accessToken) => {
  const client = new Client({
    baseUrl: fhirServer,
    customHeaders: accessToken ? { Authorization: `Bearer ${accessToken}` } : {},
    requestOptions: { redirect: 'error' },
  });
  return {
    get: (url, signal) => client.request(url, { options: { signal } }),
  };
};
