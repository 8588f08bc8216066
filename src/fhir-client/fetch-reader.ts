import { resolveUnder } from './fhir-url.js';
import { createHttpGet, type HttpAnswer, type HttpGet } from './http-get.js';
import { FhirReadError, type FhirReaderFactory } from './reader.js';
import { BodyNotUtf8Error, BodyTooLargeError, PooledBudget, PoolExhaustedError, readCappedText, type BytePool } from '../security/capped-body.js';
import { OutboundRefusedError } from '../security/outbound-lookup.js';

/** What one hook request may read from the EHR's FHIR server, all calls and pages together. */
export interface ReadLimits {
  maxBytes: number;
  maxEntries: number;
}

/** FHIR JSON comes as application/fhir+json, application/json or the DSTU2-era application/json+fhir. */
const JSON_TYPE = /^application\/(?:[\w.+-]*\+)?json(?:\+fhir)?\s*(?:;|$)/i;

function megabytes(n: number): string {
  return n >= 1024 * 1024 ? `${Math.round(n / (1024 * 1024))} MB` : `${n} bytes`;
}

export interface FetchReaderOptions {
  /** How a GET is made; default node:http(s) without address checks (the app passes one with them). */
  get?: HttpGet;
  /**
   * Bytes all hook requests together may be reading at once (`FHIR_BYTES_IN_FLIGHT`): each request draws on
   * it as its bytes arrive and gives them back when it closes its reader.
   */
  pool?: BytePool;
}

/**
 * The default FHIR reader: a streaming GET with the limits fhir-kit-client cannot enforce (it reads every body
 * whole). Per hook request it reads at most `maxBytes` and `maxEntries` (a Bundle of 100,000 entries is
 * refused, not mapped), refuses a body that is not JSON, and never follows a redirect (the token would go
 * with it). Errors say what went wrong in words fit for a 412 diagnostic; the token never appears in them.
 */
export function boundedFetchReader(limits: ReadLimits, options: FetchReaderOptions = {}): FhirReaderFactory {
  const get = options.get ?? createHttpGet();
  return (fhirServer, accessToken) => {
    const headers: Record<string, string> = { accept: 'application/fhir+json' };
    if (accessToken) headers['authorization'] = `Bearer ${accessToken}`;
    // One factory call per hook request: the budgets below are that request's, shared by its parallel calls.
    const bytes = new PooledBudget(limits.maxBytes, options.pool);
    let entriesLeft = limits.maxEntries;

    return {
      close: () => bytes.release(),
      async get(url, signal) {
        const resolved = resolveUnder(fhirServer, url.replace(/^\/+/, ''));
        if ('refused' in resolved) throw new FhirReadError('refused', `the FHIR URL to read ${resolved.refused}`);
        const target = resolved.url;
        let response: HttpAnswer;
        try {
          // A redirect comes back as a 3xx answer, refused below, so the token never follows it.
          response = await get(target, { headers, signal });
        } catch (err) {
          if (err instanceof OutboundRefusedError) throw new FhirReadError('refused', `the FHIR server is not called: ${err.message}`);
          throw new FhirReadError('unreachable', 'the FHIR server could not be reached');
        }
        if (response.status >= 300 && response.status < 400) {
          await response.body?.cancel().catch(() => undefined);
          throw new FhirReadError('http', `the FHIR server answered a redirect (HTTP ${response.status}); redirects are not followed`, response.status);
        }
        if (response.status < 200 || response.status >= 300) {
          await response.body?.cancel().catch(() => undefined);
          throw new FhirReadError('http', `the FHIR server answered HTTP ${response.status}`, response.status);
        }
        const type = response.headers.get('content-type');
        if (type && !JSON_TYPE.test(type)) {
          await response.body?.cancel().catch(() => undefined);
          throw new FhirReadError('content-type', `the FHIR server answered ${type.split(';')[0]}, not FHIR JSON`);
        }
        let text: string;
        try {
          text = await readCappedText(response, bytes);
        } catch (err) {
          if (err instanceof BodyTooLargeError) {
            throw new FhirReadError('too-large', `the FHIR data exceeds FHIR_MAX_BYTES (${megabytes(limits.maxBytes)}) for one request`);
          }
          if (err instanceof PoolExhaustedError) {
            throw new FhirReadError('busy', `the service is reading more FHIR data at once than FHIR_BYTES_IN_FLIGHT (${megabytes(err.poolBytes)}) allows; retry shortly`);
          }
          if (err instanceof BodyNotUtf8Error) {
            throw new FhirReadError('malformed', 'the FHIR server returned malformed JSON');
          }
          throw new FhirReadError('unreachable', 'the FHIR server closed the connection before the response was complete');
        }
        let body: unknown;
        try {
          body = JSON.parse(text);
        } catch {
          throw new FhirReadError('malformed', 'the FHIR server returned malformed JSON');
        }
        const entries = (body as { entry?: unknown } | null)?.entry;
        if (Array.isArray(entries)) {
          entriesLeft -= entries.length;
          if (entriesLeft < 0) {
            throw new FhirReadError('too-large', `the FHIR data exceeds FHIR_MAX_ENTRIES (${limits.maxEntries} resources) for one request`);
          }
        }
        return body;
      },
    };
  };
}
