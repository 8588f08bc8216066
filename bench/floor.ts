/**
 * The out-of-process floor: a plain `node:http` server in a process of its own that does the least a hook
 * service must do with a request (read the whole body, `JSON.parse` it) and answers precomputed bytes: the
 * service's own answer to the same request, set by bench/run.ts once it has it. No express, no middleware,
 * no mapping, no rules. The service's throughput is reported as a share of this one's.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

type ToFloor = { type: 'set-response'; body: string } | { type: 'stop' };

let answer = Buffer.from('{"cards":[]}');
const headers = (): Record<string, string | number> => ({ 'content-type': 'application/json; charset=utf-8', 'content-length': answer.length });

const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    let parsed: unknown;
    try {
      parsed = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    } catch {
      res.writeHead(400).end();
      return;
    }
    // The same first check as the service's, so the parse cannot be optimised away.
    if (typeof (parsed as { hook?: unknown } | null)?.hook !== 'string') {
      res.writeHead(400).end();
      return;
    }
    res.writeHead(200, headers()).end(answer);
  });
});

server.keepAliveTimeout = 30_000;
server.listen(0, '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo;
  process.send?.({ type: 'ready', baseUrl: `http://127.0.0.1:${port}`, fhirResources: 0 });
});

process.on('message', (message: ToFloor) => {
  if (message.type === 'set-response') {
    answer = Buffer.from(message.body);
    process.send?.({ type: 'ok' });
  } else if (message.type === 'stop') {
    server.closeAllConnections();
    server.close(() => process.exit(0));
  }
});
