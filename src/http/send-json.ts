import type { Response } from 'express';

/**
 * A JSON answer serialised once and written as is: no ETag (a hook answer is never asked for again, so hashing
 * it buys nothing) and none of `res.json`'s second pass over the text.
 */
export function sendJson(res: Response, body: unknown, status = 200): void {
  const text = JSON.stringify(body);
  res.statusCode = status;
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('Content-Length', Buffer.byteLength(text));
  res.end(text);
}
