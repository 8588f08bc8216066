import { checkFhirServer, type OutboundPolicy } from '../security/outbound.js';
import { FhirReadError, type FhirReaderFactory } from './reader.js';

/** The URL as it may appear in a message: no credentials, no query. */
function shown(fhirServer: string): string {
  try {
    const u = new URL(fhirServer);
    return `fhirServer ${u.protocol}//${u.host}${u.pathname}`;
  } catch {
    return 'fhirServer';
  }
}

/**
 * No reader exists for a refused `fhirServer`: the outbound check runs before any call, and the refusal is a
 * `FhirReadError` ('refused') naming the reason (the hook answers 412: the data cannot be obtained).
 * @see https://cds-hooks.hl7.org/2.0/#fhir-resource-access
 */
export function guardOutbound(policy: OutboundPolicy, factory: FhirReaderFactory): FhirReaderFactory {
  return (fhirServer, accessToken) => {
    const reason = checkFhirServer(fhirServer, policy);
    if (reason) throw new FhirReadError('refused', `${shown(fhirServer)} is not allowed: ${reason}`);
    return factory(fhirServer, accessToken);
  };
}
