/**
 * The port through which the service reads the EHR's FHIR server. Hooks depend on this interface only; the
 * adapters in this folder (native fetch with read caps, fhir-kit-client) and the decorators (outbound guard,
 * metrics) implement it, and every one of them fails with `FhirReadError` alone.
 */
export interface FhirReader {
  /** GET a URL relative to the FHIR base (`Observation?patient=1`) or an absolute URL under it. */
  get(url: string, signal: AbortSignal): Promise<unknown>;
  /** The hook request is done reading: give back what the reader holds (a call slot, shared bytes). */
  close?(): void;
}

export type FhirReaderFactory = (fhirServer: string, accessToken: string | undefined) => FhirReader;

/**
 * Why a FHIR read failed, as a bounded set (metrics label, log field). `busy`: the service's own limits on
 * concurrent FHIR reading were reached (a 503, retry), not a fault of the FHIR server.
 */
export type FhirReadFailure = 'refused' | 'http' | 'unreachable' | 'content-type' | 'malformed' | 'too-large' | 'busy';

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
