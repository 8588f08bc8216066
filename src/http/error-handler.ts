import type { ErrorRequestHandler } from 'express';
import type { Logger } from 'pino';
import { CdsError, toOperationOutcome } from '../errors.js';

/** body-parser's error types, mapped to ours. */
const bodyParserErrors: Record<string, () => CdsError> = {
  'entity.parse.failed': () => new CdsError('bad-request', 'The request body is not valid JSON'),
  'entity.too.large': () => new CdsError('payload-too-large', 'The request body is larger than the configured limit (JSON_BODY_LIMIT)'),
  'encoding.unsupported': () => new CdsError('unsupported-media-type', 'Unsupported content encoding'),
  'charset.unsupported': () => new CdsError('unsupported-media-type', 'Unsupported charset; send UTF-8 JSON'),
  'request.aborted': () => new CdsError('bad-request', 'The request was aborted by the client'),
};

/**
 * What the request parsers refuse with a 4xx of their own (the router's undecodable `%` sequences, a body
 * whose content-encoding does not decode): the caller's fault, so a 4xx, never a 500.
 */
function parserRefusal(err: unknown): CdsError | undefined {
  const e = err as { status?: unknown; statusCode?: unknown } | undefined;
  const status = typeof e?.status === 'number' ? e.status : e?.statusCode;
  if (typeof status !== 'number' || status < 400 || status > 499) return undefined;
  if (status === 413) return bodyParserErrors['entity.too.large']!();
  if (status === 415) return new CdsError('unsupported-media-type', 'Unsupported content type or encoding');
  return new CdsError('bad-request', 'The request could not be read (a malformed URL, body or content encoding)');
}

function toCdsError(err: unknown): CdsError | undefined {
  if (err instanceof CdsError) return err;
  const type = (err as { type?: unknown } | undefined)?.type;
  return (typeof type === 'string' ? bodyParserErrors[type]?.() : undefined) ?? parserRefusal(err);
}

/** The one place errors become HTTP: typed errors keep their status; anything else is a 500 without details. */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (err, req, res, _next) => {
    const known = toCdsError(err);
    const error = known ?? new CdsError('internal', 'Internal server error');
    if (known) logger.info({ reqId: req.id, status: error.status, reason: error.message }, 'request refused');
    else logger.error({ reqId: req.id, err }, 'unhandled error');
    if (res.headersSent) return;
    // Every 503 is a passing condition (a full replay share, limits on what is held at once): say when to retry.
    if (error.kind === 'unavailable' && !res.hasHeader('retry-after')) res.setHeader('Retry-After', '1');
    res.status(error.status).type('application/json').send(JSON.stringify(toOperationOutcome(error)));
  };
}
