import type { Resource } from 'fhir/r4.js';
import type { RecordQuery } from './record-queries.js';

/** What the app needs of a fhirclient `Client`: `request` with every page followed and entries flattened. */
export interface FhirRequester {
  request(url: string, options: { pageLimit: number; flat: true }): Promise<unknown>;
}

export interface QueryFailure {
  key: string;
  reason: string;
}

export interface LoadedRecord {
  resources: Resource[];
  failures: QueryFailure[];
}

function isResource(v: unknown): v is Resource {
  return typeof v === 'object' && v !== null && typeof (v as { resourceType?: unknown }).resourceType === 'string';
}

function reasonOf(err: unknown): string {
  const status = (err as { status?: unknown } | null)?.status;
  const message = err instanceof Error ? err.message.split('\n')[0] ?? '' : String(err);
  return typeof status === 'number' ? `HTTP ${status}${message ? `: ${message}` : ''}` : message || 'request failed';
}

/**
 * Run every query (all pages, `pageLimit: 0`) in parallel. A query that fails or returns something other than
 * resources is a failure the page must report: the app never summarises a partly read record.
 */
function isNoticeOnly(x: unknown): boolean {
  if (!isResource(x) || x.resourceType !== 'OperationOutcome') return false;
  const issues = (x as { issue?: { severity?: string }[] }).issue ?? [];
  return issues.length > 0 && issues.every((i) => i.severity === 'information' || i.severity === 'warning');
}

export async function loadRecord(client: FhirRequester, queries: readonly RecordQuery[]): Promise<LoadedRecord> {
  const settled = await Promise.allSettled(queries.map((q) => client.request(q.url, { pageLimit: 0, flat: true })));
  const resources: Resource[] = [];
  const failures: QueryFailure[] = [];
  settled.forEach((result, i) => {
    const key = queries[i]?.key ?? `query ${i}`;
    if (result.status === 'rejected') {
      failures.push({ key, reason: reasonOf(result.reason) });
      return;
    }
    // Servers may add an informational OperationOutcome to a searchset (search.mode "outcome"): not data, not
    // a failure. One with an error or fatal issue is a failure, as is anything that is not FHIR.
    const items: unknown[] = Array.isArray(result.value) ? result.value.filter((x) => !isNoticeOnly(x)) : [result.value];
    const bad = items.find((x) => !isResource(x) || x.resourceType === 'OperationOutcome');
    if (bad !== undefined) {
      failures.push({ key, reason: isResource(bad) ? 'the server returned an OperationOutcome' : 'the server returned something that is not FHIR' });
      return;
    }
    resources.push(...(items as Resource[]));
  });
  return { resources, failures };
}
