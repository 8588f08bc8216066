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

/** HTTP status of a failed FHIR call, when the server answered. */
export function httpStatusOf(err: unknown): number | undefined {
  const status = (err as { response?: { status?: unknown } } | undefined)?.response?.status;
  return typeof status === 'number' ? status : undefined;
}

/** fhir-kit-client over native fetch. Redirects are refused: a redirect could carry the token to another host. */
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
