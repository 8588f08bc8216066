import { mkdir, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { OperationOutcomeIssue } from 'fhir/r4.js';
import { createHttpGet, type HttpAnswer, type HttpGet } from '../fhir-client/http-get.js';
import { fixedBudget, readCappedText } from '../security/capped-body.js';
import { checkedLookup } from '../security/outbound-lookup.js';
import type { OutboundPolicy } from '../security/outbound.js';
import { backendTokenSource, type BackendAuth } from './backend-auth.js';
import { BulkExportError } from './errors.js';
import { discard, exportCall, type ExportCallContext, type RetryPolicy } from './export-http.js';
import { parseManifest, type Manifest, type ManifestFile } from './manifest.js';
import { writeNdjson } from './ndjson-download.js';
import type { ExportProgress } from './progress.js';
import { fhirBaseOf, guardUrl } from './url-guard.js';
import { retryAfterMs, sleep } from './waiting.js';

export interface DownloadBulkExportOptions {
  /** `[base]/Patient/$export` or `[base]/Group/{id}/$export`, with `_type`, `_since`, ... as wanted. */
  kickOffUrl: string;
  /** SMART Backend Services credentials; without them no token is sent (an open server). */
  auth?: BackendAuth;
  /** Folder for the NDJSON files (`<ResourceType>.<n>.ndjson`): created if missing, must hold no NDJSON yet. */
  outDir: string;
  /** Abort: the export is cancelled at the server (DELETE on its status URL) and the call rejects. */
  signal?: AbortSignal;
  onProgress?: (event: ExportProgress) => void;
  /** Which hosts may be called: the service's outbound policy. Default: loopback over http, else public https. */
  policy?: OutboundPolicy;
  /** The whole export, kick-off to the last file (ms). Default one hour. */
  timeoutMs?: number;
  /** Poll pause when the server gives no `Retry-After` (ms, doubling up to `retry.maxWaitMs`). Default 1 s. */
  pollIntervalMs?: number;
  retry?: Partial<RetryPolicy>;
  /** How requests are made; default node:http(s) with the policy's address check at connection time. */
  http?: HttpGet;
  now?: () => number;
}

/** One downloaded file. */
export interface ExportedFile {
  type: string;
  /** Where it was written. */
  path: string;
  /** Where it came from. */
  url: string;
  bytes: number;
  /** Resources (lines). */
  resources: number;
}

export interface ExportResult {
  outDir: string;
  /** The server's `transactionTime`: data after it is not in the export. */
  transactionTime: string;
  /** The kick-off URL as the server recorded it. */
  request: string;
  files: ExportedFile[];
  bytes: number;
  resources: number;
  /** The issues of the export's `error` files (OperationOutcomes): data the server could not export. */
  errors: OperationOutcomeIssue[];
  /** Issues beyond `MAX_ERROR_ISSUES`, counted, not kept. */
  errorsOmitted: number;
}

const DEFAULT_POLICY: OutboundPolicy = { mode: 'demo', allowedServers: [], allowHttp: false };
const DEFAULT_RETRY: RetryPolicy = { transientRetries: 3, backoffMs: 1000, maxWaitMs: 120_000 };
const MAX_STATUS_BYTES = 16 * 1024 * 1024;
const MAX_ERROR_FILE_BYTES = 16 * 1024 * 1024;
const MAX_ERROR_ISSUES = 10_000;
const FHIR_JSON = 'application/fhir+json';
const NDJSON = 'application/fhir+ndjson';

/** A 4xx/5xx body's OperationOutcome diagnostics, for the message (bounded; nothing else of it is kept). */
async function diagnosticsOf(answer: HttpAnswer): Promise<string> {
  try {
    const body = JSON.parse(await readCappedText(answer, fixedBudget(64 * 1024))) as { issue?: { diagnostics?: string; code?: string }[] };
    const texts = (body.issue ?? []).map((i) => i.diagnostics ?? i.code).filter((t): t is string => typeof t === 'string');
    return texts.length > 0 ? `: ${texts.join('; ').slice(0, 500)}` : '';
  } catch {
    return '';
  }
}

async function checkOutDir(dir: string): Promise<void> {
  try {
    await mkdir(dir, { recursive: true });
    const present = (await readdir(dir)).filter((name) => name.endsWith('.ndjson') || name.endsWith('.ndjson.part'));
    if (present.length > 0) throw new BulkExportError('out-dir', `${dir} already holds NDJSON files (${present.slice(0, 3).join(', ')}); use an empty folder`);
  } catch (err) {
    if (err instanceof BulkExportError) throw err;
    throw new BulkExportError('out-dir', `${dir} cannot be used as the output folder (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
  }
}

/**
 * Run a FHIR Bulk Data export and download it: kick-off (`Prefer: respond-async`), poll the status URL as
 * `Retry-After` says, download every output file to `outDir` streaming (never held in memory), with the access
 * token when the manifest requires it, and read the `error` files into `errors`. Every failure is a
 * `BulkExportError` saying what went wrong; a short or partial file is one (`truncated`), never a short result.
 * @see https://hl7.org/fhir/uv/bulkdata/export.html
 */
export async function downloadBulkExport(options: DownloadBulkExportOptions): Promise<ExportResult> {
  const policy = options.policy ?? DEFAULT_POLICY;
  const now = options.now ?? Date.now;
  const kickOff = guardUrl(options.kickOffUrl, 'kick-off URL', policy);
  await checkOutDir(options.outDir);
  const http = options.http ?? createHttpGet({ lookupFor: (protocol) => checkedLookup(policy, protocol) });
  const timeoutMs = options.timeoutMs ?? 60 * 60_000;
  const deadline = AbortSignal.timeout(timeoutMs);
  const signal = options.signal ? AbortSignal.any([options.signal, deadline]) : deadline;
  const ctx: ExportCallContext = {
    http,
    tokens: options.auth ? backendTokenSource(options.auth, { http, policy, fhirBase: fhirBaseOf(kickOff), now }) : undefined,
    retry: { ...DEFAULT_RETRY, ...options.retry },
    signal,
    progress: options.onProgress ?? (() => undefined),
    now,
  };
  let statusUrl: URL | undefined;
  try {
    statusUrl = await kickOffExport(ctx, kickOff, policy);
    const manifest = await awaitManifest(ctx, statusUrl, options.pollIntervalMs ?? 1000);
    const result = await downloadAll(ctx, manifest, kickOff, policy, options.outDir);
    // Done with it: the server may free the files (best effort, as the spec's client does).
    await cancel(ctx, statusUrl, 5000);
    return result;
  } catch (err) {
    if (!signal.aborted) throw err;
    if (statusUrl) await cancel(ctx, statusUrl, 5000);
    if (deadline.aborted && !options.signal?.aborted) throw new BulkExportError('timeout', `the export did not finish within ${Math.round(timeoutMs / 1000)} s; it was cancelled at the server`);
    throw new BulkExportError('cancelled', statusUrl ? 'the export was aborted; it was cancelled at the server' : 'the export was aborted before it started');
  }
}

async function kickOffExport(ctx: ExportCallContext, kickOff: URL, policy: OutboundPolicy): Promise<URL> {
  const answer = await exportCall(ctx, { url: kickOff, what: 'kick-off URL', accept: FHIR_JSON, withToken: true, preferAsync: true });
  if (answer.status !== 202) {
    const why = await diagnosticsOf(answer);
    const kind = answer.status === 401 || answer.status === 403 ? 'auth' : 'kick-off-refused';
    throw new BulkExportError(kind, `the server refused the export (HTTP ${answer.status})${why}`, answer.status);
  }
  await discard(answer);
  const location = answer.headers.get('content-location');
  if (!location) throw new BulkExportError('bad-response', 'the kick-off answer (202) has no Content-Location: no status URL to poll');
  const statusUrl = guardUrl(location, 'status URL', policy, kickOff.href);
  if (statusUrl.origin !== kickOff.origin) throw new BulkExportError('refused', `the status URL is on another origin (${statusUrl.origin}); the token is not sent there`);
  ctx.progress({ phase: 'kicked-off', statusUrl: statusUrl.href });
  return statusUrl;
}

async function awaitManifest(ctx: ExportCallContext, statusUrl: URL, pollIntervalMs: number): Promise<Manifest> {
  let polls = 0;
  let pauseMs = pollIntervalMs;
  for (;;) {
    const answer = await exportCall(ctx, { url: statusUrl, what: 'status URL', accept: 'application/json', withToken: true });
    polls += 1;
    if (answer.status === 202) {
      await discard(answer);
      const asked = retryAfterMs(answer.headers.get('retry-after'), ctx.now());
      // No Retry-After: back off, doubling, so a long export is not polled every second for hours.
      const waitMs = Math.min(asked ?? pauseMs, ctx.retry.maxWaitMs);
      if (asked === undefined) pauseMs = Math.min(pauseMs * 2, ctx.retry.maxWaitMs);
      const progress = answer.headers.get('x-progress');
      ctx.progress({ phase: 'in-progress', polls, waitMs, ...(progress ? { progress: progress.slice(0, 100) } : {}) });
      await sleep(waitMs, ctx.signal);
      continue;
    }
    if (answer.status !== 200) {
      const why = await diagnosticsOf(answer);
      const kind = answer.status === 401 || answer.status === 403 ? 'auth' : 'export-failed';
      throw new BulkExportError(kind, `the export failed: the status URL answered HTTP ${answer.status}${why}`, answer.status);
    }
    let body: unknown;
    try {
      body = JSON.parse(await readCappedText(answer, fixedBudget(MAX_STATUS_BYTES)));
    } catch {
      throw new BulkExportError('bad-response', 'the complete status (200) is not JSON (or larger than 16 MB)');
    }
    const manifest = parseManifest(body);
    if (typeof manifest === 'string') throw new BulkExportError('bad-response', `the export manifest is malformed: ${manifest}`);
    return manifest;
  }
}

async function downloadAll(ctx: ExportCallContext, manifest: Manifest, kickOff: URL, policy: OutboundPolicy, outDir: string): Promise<ExportResult> {
  ctx.progress({ phase: 'manifest', files: manifest.output.length, errorFiles: manifest.error.length });
  const fileUrl = (entry: ManifestFile, what: string): URL => {
    const url = guardUrl(entry.url, what, policy, kickOff.href);
    // The token goes only where the export was asked for: a manifest cannot send it to another host.
    if (manifest.requiresAccessToken && url.origin !== kickOff.origin) {
      throw new BulkExportError('refused', `the ${what} is on another origin (${url.origin}) but requires the access token; it is not sent there`);
    }
    return url;
  };
  const perType = new Map<string, number>();
  const files: ExportedFile[] = [];
  let bytes = 0;
  for (const [index, entry] of manifest.output.entries()) {
    const n = (perType.get(entry.type) ?? 0) + 1;
    perType.set(entry.type, n);
    const name = `${entry.type}.${n}.ndjson`;
    const url = fileUrl(entry, `output file ${index + 1}`);
    const written = await downloadFile(ctx, url, join(outDir, name), name, manifest.requiresAccessToken, (b) => {
      bytes += b;
      ctx.progress({ phase: 'downloading', type: entry.type, file: index + 1, files: manifest.output.length, bytes });
    });
    if (entry.count !== undefined && written.lines !== entry.count) {
      throw new BulkExportError('truncated', `${name} holds ${written.lines} resources but the manifest says ${entry.count}`);
    }
    files.push({ type: entry.type, path: join(outDir, name), url: url.href, bytes: written.bytes, resources: written.lines });
  }
  const errors: OperationOutcomeIssue[] = [];
  let errorsOmitted = 0;
  for (const [index, entry] of manifest.error.entries()) {
    const issues = await readErrorFile(ctx, fileUrl(entry, `error file ${index + 1}`), manifest.requiresAccessToken, `error file ${index + 1}`);
    for (const issue of issues) {
      if (errors.length < MAX_ERROR_ISSUES) errors.push(issue);
      else errorsOmitted += 1;
    }
  }
  const resources = files.reduce((sum, f) => sum + f.resources, 0);
  ctx.progress({ phase: 'done', files: files.length, bytes, resources });
  return { outDir, transactionTime: manifest.transactionTime, request: manifest.request, files, bytes, resources, errors, errorsOmitted };
}

/** One output file to disk; a transfer that comes short is tried once more before it is reported. */
async function downloadFile(ctx: ExportCallContext, url: URL, path: string, name: string, withToken: boolean, onBytes: (n: number) => void) {
  for (let attempt = 1; ; attempt++) {
    const answer = await exportCall(ctx, { url, what: `output file ${name}`, accept: NDJSON, withToken });
    if (answer.status !== 200) {
      const why = await diagnosticsOf(answer);
      throw new BulkExportError(answer.status === 401 || answer.status === 403 ? 'auth' : 'download-failed', `${name} could not be downloaded (HTTP ${answer.status})${why}`, answer.status);
    }
    let counted = 0;
    try {
      return await writeNdjson(answer, path, name, (b) => {
        counted += b;
        onBytes(b);
      });
    } catch (err) {
      if (ctx.signal.aborted) throw err;
      onBytes(-counted);
      if (!(err instanceof BulkExportError) || err.reason !== 'truncated' || attempt > 1) throw err;
      ctx.progress({ phase: 'retrying', what: `output file ${name} (${err.message})`, status: 200, waitMs: 0 });
    }
  }
}

/** The issues of an `error` file: NDJSON of OperationOutcomes. A line that is not one is itself reported. */
async function readErrorFile(ctx: ExportCallContext, url: URL, withToken: boolean, label: string): Promise<OperationOutcomeIssue[]> {
  const answer = await exportCall(ctx, { url, what: label, accept: NDJSON, withToken });
  if (answer.status !== 200) {
    const why = await diagnosticsOf(answer);
    throw new BulkExportError('download-failed', `the ${label} could not be downloaded (HTTP ${answer.status})${why}`, answer.status);
  }
  let text: string;
  try {
    text = await readCappedText(answer, fixedBudget(MAX_ERROR_FILE_BYTES));
  } catch {
    throw new BulkExportError('download-failed', `the ${label} could not be read (over 16 MB, not UTF-8, or cut off)`);
  }
  const issues: OperationOutcomeIssue[] = [];
  for (const [i, line] of text.split('\n').entries()) {
    if (line.trim() === '') continue;
    let parsed: { resourceType?: unknown; issue?: unknown } | undefined;
    try {
      parsed = JSON.parse(line) as typeof parsed;
    } catch {
      parsed = undefined;
    }
    if (parsed?.resourceType === 'OperationOutcome' && Array.isArray(parsed.issue)) issues.push(...(parsed.issue as OperationOutcomeIssue[]));
    else issues.push({ severity: 'error', code: 'invalid', diagnostics: `line ${i + 1} of the ${label} is not an OperationOutcome` });
  }
  return issues;
}

/** DELETE the status URL: cancels a running export, or frees a finished one. Best effort, bounded in time. */
async function cancel(ctx: ExportCallContext, statusUrl: URL, timeoutMs: number): Promise<void> {
  const signal = AbortSignal.timeout(timeoutMs);
  try {
    const answer = await exportCall(
      { ...ctx, signal, retry: { ...ctx.retry, transientRetries: 0 }, progress: () => undefined },
      { url: statusUrl, what: 'status URL', method: 'DELETE', accept: FHIR_JSON, withToken: true },
    );
    await discard(answer);
  } catch {
    // The server forgets exports on its own; a failed cancel changes nothing for the caller.
  }
}
