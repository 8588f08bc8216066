import type { Request, Response } from 'express';
import type { Group, OperationOutcome, OperationOutcomeIssue, Resource } from 'fhir/r4.js';
import { ExportRequestError, parseExportRequest } from './export-request.js';
import { ExportJobs, manifestOf } from './export-jobs.js';
import { selectForExport } from './export-selection.js';

/** Paths (under the FHIR base) of an export's status and its files. */
export const EXPORT_STATUS_SEGMENT = '$export-status';
export const EXPORT_FILES_SEGMENT = '$export-files';

/** The Authorization header of a request, judged: ok, or why not (for the 401 challenge). */
export type ExportAuthorizer = (authorization: string | undefined) => { ok: true } | { ok: false; reason: string };

export interface BulkExportDeps {
  stored: ReadonlyMap<string, Resource>;
  jobs: ExportJobs;
  /** When set, kick-off, status and files need a token it accepts (SMART Backend Services). */
  authorize?: ExportAuthorizer;
}

function outcome(code: OperationOutcomeIssue['code'], diagnostics: string): OperationOutcome {
  return { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code, diagnostics }] };
}

function sendOutcome(res: Response, status: number, code: OperationOutcomeIssue['code'], diagnostics: string): void {
  res.status(status).type('application/fhir+json').send(JSON.stringify(outcome(code, diagnostics)));
}

/** Is this request one of the export's (kick-off, status, file)? The embedded server asks before its own routes. */
export function isExportPath(segments: readonly string[]): boolean {
  const [first, second, third] = segments;
  return (
    (segments.length === 2 && first === 'Patient' && second === '$export') ||
    (segments.length === 3 && first === 'Group' && third === '$export') ||
    (segments.length === 2 && first === EXPORT_STATUS_SEGMENT) ||
    (segments.length === 3 && first === EXPORT_FILES_SEGMENT)
  );
}

/**
 * FHIR Bulk Data export for the embedded server: `Patient/$export` and `Group/{id}/$export` kick-offs (async
 * only), the status URL (202 with `X-Progress` and `Retry-After` while running, 200 with the manifest when
 * complete, DELETE to cancel) and the NDJSON files.
 * @see https://hl7.org/fhir/uv/bulkdata/export.html
 */
export async function handleExport(deps: BulkExportDeps, req: Request, res: Response, segments: readonly string[], url: URL, baseUrl: string): Promise<void> {
  if (deps.authorize) {
    const verdict = deps.authorize(req.get('authorization'));
    if (!verdict.ok) {
      res.set('WWW-Authenticate', `Bearer realm="fhir", error="invalid_token", error_description="${verdict.reason.replace(/["\\]/g, '')}"`);
      return sendOutcome(res, 401, 'login', `a SMART Backend Services access token is required: ${verdict.reason}`);
    }
  }
  const [first, second, third] = segments;
  if (first === EXPORT_STATUS_SEGMENT) return status(deps, req, res, second!, baseUrl);
  if (first === EXPORT_FILES_SEGMENT) return file(deps, req, res, second!, third!);
  if (req.method !== 'GET') {
    res.set('Allow', 'GET');
    return sendOutcome(res, 405, 'not-supported', 'this server starts an export by GET only');
  }
  const groupId = first === 'Group' ? second : undefined;
  let group: Group | undefined;
  if (groupId !== undefined) {
    group = deps.stored.get(`Group/${groupId}`) as Group | undefined;
    if (!group) return sendOutcome(res, 404, 'not-found', `Group/${groupId} does not exist`);
  }
  let request;
  try {
    request = parseExportRequest(groupId, url.searchParams, { prefer: req.get('prefer'), accept: req.get('accept') });
  } catch (err) {
    if (err instanceof ExportRequestError) return sendOutcome(res, err.status, err.code, err.message);
    throw err;
  }
  const requestUrl = `${baseUrl}${url.pathname}${url.search}`;
  const job = deps.jobs.start(selectForExport(deps.stored, request, group), requestUrl, deps.authorize !== undefined);
  if (!job) {
    res.set('Retry-After', '60');
    return sendOutcome(res, 429, 'throttled', 'too many exports are held at once; delete a finished one or retry later');
  }
  res.status(202).set('Content-Location', `${baseUrl}/${EXPORT_STATUS_SEGMENT}/${job.id}`).type('application/fhir+json');
  res.send(JSON.stringify({ resourceType: 'OperationOutcome', issue: [{ severity: 'information', code: 'informational', diagnostics: 'export started' }] }));
}

async function status(deps: BulkExportDeps, req: Request, res: Response, id: string, baseUrl: string): Promise<void> {
  const job = deps.jobs.get(id);
  if (!job) return sendOutcome(res, 404, 'not-found', `no export ${id} (finished exports are kept one hour; a deleted one is gone)`);
  if (req.method === 'DELETE') {
    deps.jobs.delete(id);
    res.status(202).type('application/fhir+json');
    res.send(JSON.stringify({ resourceType: 'OperationOutcome', issue: [{ severity: 'information', code: 'informational', diagnostics: 'export deleted' }] }));
    return;
  }
  if (req.method !== 'GET') {
    res.set('Allow', 'GET, DELETE');
    return sendOutcome(res, 405, 'not-supported', 'the status URL takes GET (poll) or DELETE (cancel)');
  }
  if (!deps.jobs.isComplete(job)) {
    const done = job.totalTypes - job.pending;
    res.status(202).set({ 'X-Progress': `${done} of ${job.totalTypes} resource types written`, 'Retry-After': '1', 'Cache-Control': 'no-store' }).end();
    return;
  }
  const fileUrl = (name: string) => `${baseUrl}/${EXPORT_FILES_SEGMENT}/${job.id}/${name}`;
  res.status(200).set('Cache-Control', 'no-store').type('application/json').send(JSON.stringify(manifestOf(job, fileUrl)));
}

async function file(deps: BulkExportDeps, req: Request, res: Response, id: string, name: string): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.set('Allow', 'GET, HEAD');
    return sendOutcome(res, 405, 'not-supported', 'export files are read by GET');
  }
  const job = deps.jobs.get(id);
  const found = job && deps.jobs.isComplete(job) ? job.files.get(name) : undefined;
  if (!found) return sendOutcome(res, 404, 'not-found', `no export file ${name} of export ${id}`);
  res.status(200).type('application/fhir+ndjson').send(found.body);
}
