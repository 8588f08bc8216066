import { FhirReadError, type FhirReaderFactory } from './reader.js';
import type { Metrics } from '../observability/metrics.js';

/** Time every FHIR call and count failures by reason; the reader's behaviour is unchanged. */
export function instrumentReader(factory: FhirReaderFactory, metrics: Metrics): FhirReaderFactory {
  return (fhirServer, accessToken) => {
    const reader = factory(fhirServer, accessToken);
    return {
      close: () => reader.close?.(),
      async get(url, signal) {
        const end = metrics.fhirDuration.startTimer();
        try {
          const body = await reader.get(url, signal);
          end({ outcome: 'ok' });
          return body;
        } catch (err) {
          const reason = signal.aborted ? 'timeout' : err instanceof FhirReadError ? err.reason : 'other';
          end({ outcome: reason });
          metrics.fhirErrors.inc({ reason });
          throw err;
        }
      },
    };
  };
}
