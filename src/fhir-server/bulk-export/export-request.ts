import { isResourceType } from '@medplum/core';

/**
 * The kick-off request of a Bulk Data export, checked: who is exported (every patient, or one Group's
 * members), which resource types, and since when. Anything the embedded server does not do is refused with a
 * reason rather than ignored, so a client never takes a partial export for the whole one.
 * @see https://hl7.org/fhir/uv/bulkdata/export.html#query-parameters
 */
export interface ExportRequest {
  /** `undefined`: every patient (`Patient/$export`); else the id of the Group whose members are exported. */
  groupId: string | undefined;
  /** Resource types to export; `undefined`: every type in the patients' compartments. */
  types: string[] | undefined;
  /** Only resources whose `meta.lastUpdated` is later than this. */
  since: Date | undefined;
}

/** A kick-off the server will not run; `status` is the HTTP status of the refusal. */
export class ExportRequestError extends Error {
  override readonly name = 'ExportRequestError';
  constructor(
    readonly status: number,
    readonly code: 'invalid' | 'not-supported',
    message: string,
  ) {
    super(message);
  }
}

const NDJSON_FORMATS = new Set(['application/fhir+ndjson', 'application/ndjson', 'ndjson']);
const KNOWN = new Set(['_outputFormat', '_type', '_since', '_typeFilter']);
/** An instant with a time zone, as `_since` must be (FHIR instant). */
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/;

/** Values of a parameter that may repeat and may hold comma-separated lists. */
function listOf(params: URLSearchParams, name: string): string[] {
  return params
    .getAll(name)
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter(Boolean);
}

export function parseExportRequest(groupId: string | undefined, params: URLSearchParams, headers: { prefer?: string | undefined; accept?: string | undefined }): ExportRequest {
  const prefer = (headers.prefer ?? '').split(',').map((p) => p.trim().toLowerCase());
  if (!prefer.includes('respond-async')) throw new ExportRequestError(400, 'invalid', 'a Bulk Data kick-off needs the header Prefer: respond-async');
  const accept = headers.accept?.split(';')[0]?.trim().toLowerCase();
  if (accept && accept !== 'application/fhir+json' && accept !== 'application/json' && accept !== '*/*') {
    throw new ExportRequestError(400, 'not-supported', `Accept ${accept} is not supported; the status answers are application/fhir+json`);
  }
  for (const name of params.keys()) {
    if (!KNOWN.has(name)) throw new ExportRequestError(400, 'not-supported', `the export parameter ${name} is not supported by this server`);
  }
  // A server may refuse _typeFilter; this one does, rather than return more than the client asked for.
  if (params.has('_typeFilter')) throw new ExportRequestError(400, 'not-supported', '_typeFilter is not supported by this server; filter the output instead');
  const format = params.get('_outputFormat');
  if (format !== null && !NDJSON_FORMATS.has(format)) {
    throw new ExportRequestError(400, 'not-supported', `_outputFormat ${format} is not supported (only application/fhir+ndjson)`);
  }
  const types = listOf(params, '_type');
  const unknown = types.find((t) => !isResourceType(t));
  if (unknown !== undefined) throw new ExportRequestError(400, 'invalid', `_type names an unknown resource type: ${unknown}`);
  const sinceText = params.get('_since');
  let since: Date | undefined;
  if (sinceText !== null) {
    since = new Date(sinceText);
    if (!INSTANT.test(sinceText) || Number.isNaN(since.getTime())) throw new ExportRequestError(400, 'invalid', '_since must be a FHIR instant such as 2026-01-31T00:00:00Z');
  }
  return { groupId, types: types.length > 0 ? [...new Set(types)] : undefined, since };
}
