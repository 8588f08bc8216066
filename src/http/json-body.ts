import express, { type RequestHandler } from 'express';
import { CdsError } from '../errors.js';
import { findUnsafeJson } from './unsafe-json.js';

export { findUnsafeJson, MAX_JSON_DEPTH } from './unsafe-json.js';

/**
 * Request-body bytes held at once (`BODY_BYTES_IN_FLIGHT`): a body counts from its arrival until its answer
 * is sent, since the parsed body lives that long. A body is counted at its declared `Content-Length`, or at
 * the body limit when it declares none.
 */
export class BodiesInFlight {
  private held = 0;
  constructor(
    readonly maxBytes: number,
    /** The largest body accepted (`JSON_BODY_LIMIT`), in bytes. */
    readonly bodyLimitBytes: number,
  ) {}

  /** Admit a body of `declared` bytes (undefined: unknown); the bytes taken, or undefined when there is no room. */
  admit(declared: number | undefined): number | undefined {
    const bytes = declared === undefined ? this.bodyLimitBytes : Math.min(declared, this.bodyLimitBytes);
    if (this.held + bytes > this.maxBytes) return undefined;
    this.held += bytes;
    return bytes;
  }

  release(bytes: number): void {
    this.held -= bytes;
  }
}

/** Hold the body's share until the answer is done; none left: 503 before a byte of the body is read. */
function admission(inFlight: BodiesInFlight): RequestHandler {
  return (req, res, next) => {
    const length = req.get('content-length');
    const declared = length !== undefined && /^\d+$/.test(length) ? Number(length) : undefined;
    if (declared === 0 || (declared === undefined && req.get('transfer-encoding') === undefined)) return next();
    const bytes = inFlight.admit(declared);
    if (bytes === undefined) {
      return next(new CdsError('unavailable', 'The service is receiving more request bodies at once than BODY_BYTES_IN_FLIGHT allows; retry shortly'));
    }
    res.once('close', () => inFlight.release(bytes));
    next();
  };
}

/**
 * Given any `verify`, body-parser collects the body as Buffer chunks (outside the JS heap) and decodes it once,
 * just before JSON.parse, instead of appending each chunk to a growing string. Under many concurrent calls those
 * half-read strings survived scavenges and were promoted to the old generation. The charset is still checked
 * (415) before a byte is read, and the size limit (413) as the bytes arrive. Nothing is refused here.
 */
function keepBodyAsBytes(): void {}

/**
 * The JSON body parser of every hook and feedback route: room among the bodies held at once (503), size
 * limit (413), strict JSON (objects and arrays only), then a scan that refuses prototype-pollution keys and
 * absurd nesting anywhere in the body (400).
 */
export function jsonBody(limit: string, inFlight?: BodiesInFlight): RequestHandler[] {
  const parse = express.json({ limit, strict: true, type: ['application/json', 'application/*+json'], verify: keepBodyAsBytes });
  const scan: RequestHandler = (req, _res, next) => {
    const reason = req.body === undefined ? undefined : findUnsafeJson(req.body);
    next(reason ? new CdsError('bad-request', `Unsafe request body: ${reason}`) : undefined);
  };
  return inFlight ? [admission(inFlight), parse, scan] : [parse, scan];
}
