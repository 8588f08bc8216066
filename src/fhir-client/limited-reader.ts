import { FhirReadError, type FhirReaderFactory } from './reader.js';

/**
 * At most `maxOpen` hook requests reading from FHIR servers at once (each fans out into about a dozen parallel
 * requests and may hold up to FHIR_MAX_BYTES). One more gets `FhirReadError('busy')`, which the hook answers
 * with a 503; a slot comes back when the request closes its reader.
 */
export function limitConcurrentReaders(factory: FhirReaderFactory, maxOpen: number): FhirReaderFactory {
  let open = 0;
  return (fhirServer, accessToken) => {
    if (open >= maxOpen) {
      throw new FhirReadError('busy', `too many hook calls are reading from FHIR servers at once (FHIR_CONCURRENT_CALLS = ${maxOpen}); retry shortly`);
    }
    const reader = factory(fhirServer, accessToken);
    open += 1;
    let closed = false;
    return {
      get: (url, signal) => reader.get(url, signal),
      close() {
        if (closed) return;
        closed = true;
        open -= 1;
        reader.close?.();
      },
    };
  };
}
