import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import { boundedFetchReader } from '../../src/fhir-client/fetch-reader.js';

/**
 * The FHIR reader (node:http) undoes content-encoding as native fetch did, and its byte cap counts the decoded
 * bytes: a small compressed body that inflates beyond FHIR_MAX_BYTES is refused, not inflated whole.
 */
const bundle = { resourceType: 'Bundle', type: 'searchset', entry: [{ resource: { resourceType: 'Condition', id: 'c1' } }] };
const encoders: Record<string, (b: Buffer) => Buffer> = { gzip: gzipSync, deflate: deflateSync, br: brotliCompressSync };
let server: Server;
let base = '';

beforeAll(async () => {
  server = createServer((req, res) => {
    const [, coding, what] = (req.url ?? '').split('/');
    const body = what === 'bomb' ? Buffer.alloc(8 * 1024 * 1024, 0x20) : Buffer.from(JSON.stringify(bundle));
    res.writeHead(200, { 'content-type': 'application/fhir+json', 'content-encoding': coding! }).end(encoders[coding!]!(body));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});

test.each(Object.keys(encoders))('%s body: decoded', async (coding) => {
  const reader = boundedFetchReader({ maxBytes: 1 << 20, maxEntries: 100 })(`${base}/${coding}`, undefined);
  await expect(reader.get('ok', AbortSignal.timeout(2000))).resolves.toEqual(bundle);
});

test.each(Object.keys(encoders))('%s bomb (8 MB of spaces, a few kB on the wire) over a 1 MB cap: refused as too large', async (coding) => {
  const reader = boundedFetchReader({ maxBytes: 1 << 20, maxEntries: 100 })(`${base}/${coding}`, undefined);
  await expect(reader.get('bomb', AbortSignal.timeout(2000))).rejects.toMatchObject({ reason: 'too-large' });
});
