import { setMaxListeners } from 'node:events';
import type { Bundle, Resource } from 'fhir/r4.js';
import { CdsError } from '../errors.js';
import type { CdsRequest, ServiceDefinition } from './cds-types.js';
import { fillTemplate, patientReadKey } from './prefetch-template.js';
import { resolveUnder } from '../fhir-client/fhir-url.js';
import { FhirReadError, type FhirReader, type FhirReaderFactory } from '../fhir-client/reader.js';

export const PATIENT_NOT_FOUND = 'The patient named in context.patientId was not found';

export interface GatherOptions {
  readerFor: FhirReaderFactory;
  /** Budget for all FHIR calls of this request, paging included. */
  timeoutMs: number;
  maxPages: number;
}

/** How each prefetch key was satisfied; logged and counted, never sent to the client. */
export type KeyOrigin = 'prefetch' | 'prefetch+pages' | 'fhir' | 'empty';

export interface GatheredData {
  resources: Resource[];
  /** The same resources by prefetch key (the patient read is judged on its own before anything is mapped). */
  byKey: Record<string, Resource[]>;
  origins: Record<string, KeyOrigin>;
  fhirCalls: number;
}

type KeyState =
  | { key: string; kind: 'done'; resources: Resource[]; origin: KeyOrigin }
  | { key: string; kind: 'fetch'; url: string; why: string }
  | { key: string; kind: 'more-pages'; resources: Resource[]; next: string };

function isResource(v: unknown): v is Resource {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && typeof (v as Resource).resourceType === 'string';
}

function entriesOf(bundle: Bundle): Resource[] {
  const out: Resource[] = [];
  for (const e of Array.isArray(bundle.entry) ? bundle.entry : []) if (isResource(e?.resource)) out.push(e.resource);
  return out;
}

function nextLink(bundle: Bundle): string | undefined {
  const link = Array.isArray(bundle.link) ? bundle.link.find((l) => l?.relation === 'next') : undefined;
  return typeof link?.url === 'string' ? link.url : undefined;
}

/** Resources a value contributes: a Bundle's entries, or the resource itself. */
function contents(v: Resource): Resource[] {
  return v.resourceType === 'Bundle' ? entriesOf(v as Bundle) : [v];
}

/**
 * Page size asked of the FHIR server on our own searches. Servers cap it to their maximum; without it many
 * default to 20-50 entries a page, and a long history would need more sequential round trips than the time
 * budget allows.
 */
export const FHIR_PAGE_SIZE = 1000;

function withPageSize(url: string): string {
  if (!url.includes('?') || /[?&]_count=/.test(url)) return url;
  return `${url}&_count=${FHIR_PAGE_SIZE}`;
}

/** Decide, per prefetch key, whether the client's prefetch is usable or we must go to the FHIR server. */
function classify(key: string, template: string, req: CdsRequest): KeyState {
  const url = () => fillTemplate(template, req.context);
  const prefetch = req.prefetch;
  if (!prefetch || !Object.prototype.hasOwnProperty.call(prefetch, key)) {
    return { key, kind: 'fetch', url: withPageSize(url()), why: 'not prefetched' };
  }
  const v = prefetch[key];
  if (v === null) return { key, kind: 'done', resources: [], origin: 'empty' };
  if (!isResource(v)) throw new CdsError('bad-request', `prefetch.${key} must be a FHIR resource, a Bundle or null`);
  // An OperationOutcome is the EHR telling us its own fetch failed: not data.
  if (v.resourceType === 'OperationOutcome') return { key, kind: 'fetch', url: withPageSize(url()), why: 'the EHR could not prefetch it' };
  if (v.resourceType === 'Bundle') {
    const next = nextLink(v as Bundle);
    if (next) return { key, kind: 'more-pages', resources: entriesOf(v as Bundle), next };
  }
  return { key, kind: 'done', resources: contents(v), origin: 'prefetch' };
}

/** The type and id a read URL names (`Patient/123` -> Patient, 123); undefined for a search. */
function readTarget(url: string): { type: string; id: string } | undefined {
  if (url.includes('?')) return undefined;
  const [type, id] = url.split('/');
  return type && id ? { type, id: decodeURIComponent(id) } : undefined;
}

class Fetcher {
  calls = 0;
  /** HTTP status of each key whose read failed with one (a 404 on the patient read is "not found"). */
  readonly failedStatus = new Map<string, number>();
  constructor(
    private readonly reader: FhirReader,
    private readonly base: string,
    private readonly signal: AbortSignal,
    private readonly maxPages: number,
  ) {}

  /** Follow `next` links from `first`, accumulating entries. */
  async pages(key: string, first: string, initial: Resource[], pagesSoFar: number): Promise<Resource[]> {
    const out = [...initial];
    let next: string | undefined = first;
    let pages = pagesSoFar;
    while (next) {
      if (pages >= this.maxPages) throw new CdsError('precondition-failed', `${key}: more than ${this.maxPages} pages of results`);
      // A `next` link is followed only under the request's FHIR server (the token must not leak) and never with
      // dot segments (a resolver would step out of the path the link names).
      const link = resolveUnder(this.base, next);
      if ('refused' in link) throw new CdsError('precondition-failed', `${key}: a paging link ${link.refused}`);
      const page = await this.get(key, next);
      if (page.resourceType !== 'Bundle') throw new CdsError('precondition-failed', `${key}: expected a Bundle, got ${page.resourceType}`);
      for (const r of entriesOf(page as Bundle)) out.push(r);
      next = nextLink(page as Bundle);
      pages += 1;
    }
    return out;
  }

  async fetchKey(key: string, url: string): Promise<Resource[]> {
    const first = await this.get(key, url);
    if (first.resourceType === 'OperationOutcome') throw new CdsError('precondition-failed', `${key}: the FHIR server returned an OperationOutcome`);
    const isSearch = url.includes('?');
    if (isSearch && first.resourceType !== 'Bundle') throw new CdsError('precondition-failed', `${key}: expected a Bundle, got ${first.resourceType}`);
    const read = readTarget(url);
    if (read && first.resourceType !== read.type) throw new CdsError('precondition-failed', `${key}: expected a ${read.type}, got ${first.resourceType}`);
    if (read && first.id !== undefined && first.id !== read.id) {
      throw new CdsError('precondition-failed', `${key}: the FHIR server answered the read of ${read.type}/${read.id} with ${read.type}/${String(first.id).slice(0, 64)}`);
    }
    if (first.resourceType !== 'Bundle') return [first];
    const next = nextLink(first as Bundle);
    return next ? this.pages(key, next, entriesOf(first as Bundle), 1) : entriesOf(first as Bundle);
  }

  private async get(key: string, url: string): Promise<Resource> {
    this.calls += 1;
    let body: unknown;
    try {
      body = await untilAborted(this.reader.get(url, this.signal), this.signal);
    } catch (err) {
      if (err instanceof FhirReadError && err.status !== undefined) this.failedStatus.set(key, err.status);
      // The service's own limit, not missing data: 503, retry.
      if (err instanceof FhirReadError && err.reason === 'busy' && !this.signal.aborted) throw new CdsError('unavailable', err.message);
      throw new CdsError('precondition-failed', `${key}: ${describeFailure(err, this.signal)}`);
    }
    if (!isResource(body)) throw new CdsError('precondition-failed', `${key}: the FHIR server did not return a FHIR resource`);
    return body;
  }
}

/** Settle no later than the signal aborts, even if the reader ignores the signal. */
function untilAborted<T>(p: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) {
    p.catch(() => undefined); // the reader's own rejection is no longer anyone's business
    return Promise.reject(signal.reason);
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    p.then(
      (v) => (signal.removeEventListener('abort', onAbort), resolve(v)),
      (e) => (signal.removeEventListener('abort', onAbort), reject(e)),
    );
  });
}

function describeFailure(err: unknown, signal: AbortSignal): string {
  if (signal.aborted) return 'the FHIR server did not answer in time';
  if (err instanceof FhirReadError) return err.message;
  return 'the FHIR server could not be reached';
}

/**
 * The reader for this request; a `fhirServer` the outbound policy refuses is a 412 naming the reason, no free
 * slot for one more request reading from FHIR servers a 503.
 */
function readerOf(factory: FhirReaderFactory, fhirServer: string, accessToken: string | undefined): FhirReader {
  try {
    return factory(fhirServer, accessToken);
  } catch (err) {
    if (err instanceof FhirReadError) throw new CdsError(err.reason === 'busy' ? 'unavailable' : 'precondition-failed', err.message);
    throw err;
  }
}

/**
 * Resolve every prefetch key of a service: use the client's prefetch where present and usable, fetch the rest
 * from `fhirServer` in parallel within one time budget. Throws a 412 `CdsError` when required data cannot be had.
 * @see https://cds-hooks.hl7.org/2.0/#prefetch
 */
export async function gatherData(service: ServiceDefinition, req: CdsRequest, opts: GatherOptions): Promise<GatheredData> {
  const states = Object.entries(service.prefetch ?? {}).map(([key, template]) => classify(key, template, req));
  const origins: Record<string, KeyOrigin> = {};
  const resources: Resource[] = [];
  const byKey: Record<string, Resource[]> = {};
  const pending = states.filter((s) => s.kind !== 'done');
  // Loops, not push(...spread): a prefetch Bundle can hold more entries than a call has argument slots.
  for (const s of states) {
    if (s.kind !== 'done') continue;
    for (const r of s.resources) resources.push(r);
    byKey[s.key] = s.resources;
    origins[s.key] = s.origin;
  }
  if (pending.length === 0) return { resources, byKey, origins, fhirCalls: 0 };

  if (!req.fhirServer) {
    const keys = pending.map((s) => (s.kind === 'fetch' ? `${s.key} (${s.why})` : `${s.key} (paginated)`));
    throw new CdsError('precondition-failed', 'Required data is missing and no fhirServer was given to fetch it', keys);
  }
  const signal = AbortSignal.timeout(opts.timeoutMs);
  // Each parallel read listens to the one deadline (its request and its own wait): a bounded number, not a leak.
  setMaxListeners(10 + 3 * pending.length, signal);
  const reader = readerOf(opts.readerFor, req.fhirServer, req.fhirAuthorization?.access_token);
  const fetcher = new Fetcher(reader, req.fhirServer, signal, opts.maxPages);
  let results: PromiseSettledResult<Resource[]>[];
  try {
    results = await Promise.allSettled(
      pending.map((s) => (s.kind === 'fetch' ? fetcher.fetchKey(s.key, s.url) : fetcher.pages(s.key, s.next, s.resources, 1))),
    );
  } finally {
    reader.close?.();
  }
  const busy = results.find((r): r is PromiseRejectedResult => r.status === 'rejected' && r.reason instanceof CdsError && r.reason.kind === 'unavailable');
  if (busy) throw busy.reason;
  const failures: string[] = [];
  results.forEach((r, i) => {
    const s = pending[i]!;
    if (r.status === 'fulfilled') {
      for (const res of r.value) resources.push(res);
      byKey[s.key] = r.value;
      origins[s.key] = s.kind === 'fetch' ? 'fhir' : 'prefetch+pages';
    } else {
      failures.push(r.reason instanceof CdsError ? r.reason.message : `${s.key}: unexpected failure`);
    }
  });
  if (failures.length > 0) {
    const patientKey = patientReadKey(service);
    const status = patientKey === undefined ? undefined : fetcher.failedStatus.get(patientKey);
    const gone = status === 404 || status === 410;
    throw new CdsError('precondition-failed', gone ? PATIENT_NOT_FOUND : 'Required FHIR data could not be obtained', failures);
  }
  return { resources, byKey, origins, fhirCalls: fetcher.calls };
}
