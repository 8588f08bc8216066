import http, { type IncomingMessage } from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import { pipeline, Readable } from 'node:stream';
import zlib from 'node:zlib';

/** What the FHIR reader needs of an HTTP answer (a fetch `Response` has the same shape). */
export interface HttpAnswer {
  status: number;
  headers: { get(name: string): string | null };
  /** The decoded body (content-encoding undone), streamed: the reader caps it as it arrives. */
  body: ReadableStream<Uint8Array> | null;
}

/**
 * One request, GET unless `method` says otherwise (the Bulk Data client also POSTs a token request and
 * DELETEs an export); never follows a redirect (a 3xx is an answer like any other).
 */
export type HttpGet = (
  url: URL,
  init: { headers: Record<string, string>; signal: AbortSignal; method?: 'GET' | 'POST' | 'DELETE'; body?: string },
) => Promise<HttpAnswer>;

export interface HttpGetOptions {
  /**
   * The `lookup` for connections of this scheme: where the outbound policy checks the addresses a hostname
   * resolves to, and hands the socket exactly those (no second lookup between check and connect).
   */
  lookupFor?: (protocol: 'http:' | 'https:') => LookupFunction | undefined;
}

function headerOf(res: IncomingMessage, name: string): string | null {
  const v = res.headers[name.toLowerCase()];
  return v === undefined ? null : Array.isArray(v) ? v.join(', ') : v;
}

function decoderFor(coding: string): NodeJS.ReadWriteStream | undefined {
  if (coding === 'gzip' || coding === 'x-gzip') return zlib.createGunzip();
  if (coding === 'deflate') return zlib.createInflate();
  if (coding === 'br') return zlib.createBrotliDecompress();
  return undefined;
}

/** The body as a web stream, decompressed; cancelling it destroys the response (and its socket). */
function bodyOf(res: IncomingMessage): ReadableStream<Uint8Array> {
  const decoder = decoderFor((headerOf(res, 'content-encoding') ?? '').trim().toLowerCase());
  if (!decoder) return Readable.toWeb(res) as ReadableStream<Uint8Array>;
  const decoded = pipeline(res, decoder, () => undefined) as unknown as Readable;
  return Readable.toWeb(decoded) as ReadableStream<Uint8Array>;
}

/**
 * GET over node:http(s) with keep-alive agents of its own and an optional `lookup` per scheme. Native fetch
 * has no hook between name resolution and connection without extra packages; this is that hook.
 */
export function createHttpGet(options: HttpGetOptions = {}): HttpGet {
  const agents = { 'http:': new http.Agent({ keepAlive: true }), 'https:': new https.Agent({ keepAlive: true }) };
  return (url, init) =>
    new Promise<HttpAnswer>((resolve, reject) => {
      const protocol = url.protocol;
      if (protocol !== 'http:' && protocol !== 'https:') return reject(new Error(`${protocol} is not http(s)`));
      const lookup = options.lookupFor?.(protocol);
      const req = (protocol === 'https:' ? https : http).request(
        {
          protocol,
          hostname: url.hostname.replace(/^\[|\]$/g, ''),
          port: url.port || undefined,
          path: `${url.pathname}${url.search}`,
          method: init.method ?? 'GET',
          headers: {
            ...init.headers,
            'accept-encoding': 'gzip, deflate, br',
            ...(init.body !== undefined ? { 'content-length': String(Buffer.byteLength(init.body)) } : {}),
          },
          agent: agents[protocol],
          signal: init.signal,
          ...(lookup ? { lookup } : {}),
        },
        (res) => resolve({ status: res.statusCode ?? 0, headers: { get: (name) => headerOf(res, name) }, body: bodyOf(res) }),
      );
      req.on('error', reject);
      req.end(init.body);
    });
}
