/**
 * The server under test, run as a child process of bench/run.ts so the load generator does not compete
 * with it for the same event loop. It is the real service (`createApp(loadConfig(...))`, logs at info)
 * with the embedded FHIR server holding every demo patient plus the benchmark patient, and two
 * bench-only additions: the floor endpoint and a log of the service's FHIR calls.
 */
import diagnostics from 'node:diagnostics_channel';
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import type { AddressInfo } from 'node:net';
import { PerformanceObserver, type PerformanceEntry } from 'node:perf_hooks';
import v8 from 'node:v8';
import express, { type Request, type Response } from 'express';
import { pino } from 'pino';
import { createApp } from '../src/app.js';
import { loadConfig } from '../src/config/load-config.js';
import { createLogger } from '../src/observability/logger.js';
import { loadDemoPatients } from '../src/demo/demo-data.js';
import { createEmbeddedFhirServer } from '../src/fhir-server/embedded-fhir-server.js';
import { jsonBody } from '../src/http/json-body.js';
import { openStore } from '../src/store/open-store.js';
import { realisticRecord } from './records.js';
import type { FhirCall, FromServer, ToServer } from './protocol.js';
import type { GcPause } from './tail.js';

/**
 * The learning store of this run, from the parent (bench/ledger.ts): `LEDGER=off` (parts 1-4), or on with the
 * embedded store (`DATA_DIR`) or PostgreSQL (`DATABASE_URL`).
 */
const learningEnv = Object.fromEntries(['LEDGER', 'DATA_DIR', 'DATABASE_URL', 'PSEUDONYM_KEY'].flatMap((k) => (process.env[k] ? [[k, process.env[k]]] : [])));
const config = loadConfig({ LOG_LEVEL: 'info', CDS_MODE: 'demo', HOST: '127.0.0.1', PORT: '0', LEDGER: 'off', ...learningEnv });

/**
 * Every FHIR request the service makes, with its start and end (for calls per hook and rounds). They are
 * observed on the diagnostics channels of node:http's client (the service's reader) and of undici (fetch), the
 * service's reader being the only client in this process, so the service keeps its own reader stack untouched.
 */
const calls: FhirCall[] = [];
const open = new WeakMap<object, FhirCall>();
diagnostics.subscribe('undici:request:create', (message) => {
  const { request } = message as { request: { origin?: string; path?: string } };
  const call: FhirCall = { url: `${request.origin ?? ''}${request.path ?? ''}`, start: performance.now(), end: NaN };
  open.set(request, call);
  calls.push(call);
});
const finish = (message: unknown): void => {
  const call = open.get((message as { request: object }).request);
  if (call) call.end = performance.now();
};
diagnostics.subscribe('undici:request:trailers', finish); // the whole body has arrived
diagnostics.subscribe('undici:request:error', finish);
diagnostics.subscribe('http.client.request.start', (message) => {
  const { request } = message as { request: { protocol?: string; host?: string; path?: string } };
  const call: FhirCall = { url: `${request.protocol ?? ''}//${request.host ?? ''}${request.path ?? ''}`, start: performance.now(), end: NaN };
  open.set(request, call);
  calls.push(call);
});
diagnostics.subscribe('http.client.response.finish', (message) => {
  const { request, response } = message as { request: object; response: { once(event: 'end', listener: () => void): void } };
  // The headers are in; the call ends when the whole body has arrived.
  response.once('end', () => finish({ request }));
});
diagnostics.subscribe('http.client.request.error', finish);
/** Requests the embedded FHIR server received: the same count seen from the other side. */
let fhirHits = 0;

/**
 * The floor: the same app-level middleware and the same JSON body parser and limit as the hook route, then
 * a canned answer of exactly the service's response size, serialised per request. No mapping, no rules.
 */
let floorResponse: unknown = { cards: [] };
const floor = express.Router();
floor.post(
  '/bench/floor',
  ...jsonBody(config.jsonBodyLimit),
  (req: Request, res: Response) => {
    if (typeof req.body?.hook !== 'string') {
      res.status(400).json({ error: 'not a hook request' });
      return;
    }
    res.json(floorResponse);
  },
);

async function main(): Promise<void> {
  const fhir = await createEmbeddedFhirServer();
  const now = new Date();
  await loadDemoPatients(fhir, now);
  await fhir.load({ resourceType: 'Bundle', type: 'collection', entry: realisticRecord(now).map((resource) => ({ resource })) });

  const extras = express.Router();
  extras.use('/fhir', (_req, _res, next) => {
    fhirHits += 1;
    next();
  });
  extras.use('/fhir', fhir.router);
  extras.use(floor);
  const store = config.ledger ? await openStore(config) : undefined;
  // Logs at info, as in production, written (synchronously, as pino writes to stdout) to /dev/null: the bench
  // pays for building and writing every line without flooding the terminal.
  const logger = createLogger(config, pino.destination({ dest: '/dev/null', sync: true }));
  const app = createApp(config, { logger, demoRouter: extras, ...(store ? { store } : {}) });
  const server = app.listen(0, config.host, () => {
    const { port } = server.address() as AddressInfo;
    send({ type: 'ready', baseUrl: `http://${config.host}:${port}`, fhirResources: fhir.size() });
  });

  process.on('message', (message: ToServer) => {
    switch (message.type) {
      case 'set-floor-response':
        floorResponse = message.body;
        send({ type: 'ok' });
        break;
      case 'reset-calls':
        calls.length = 0;
        fhirHits = 0;
        send({ type: 'ok' });
        break;
      case 'get-calls':
        send({ type: 'calls', calls: [...calls], fhirHits });
        break;
      case 'heap-start':
        heapStart();
        send({ type: 'ok' });
        break;
      case 'heap-stop':
        send(heapStop());
        break;
      case 'gc-log-start':
        gcLogStart();
        send({ type: 'ok' });
        break;
      case 'gc-log-stop':
        send({ type: 'gc-log', pauses: gcLogStop() });
        break;
      case 'profile-start':
        void profileStart(message.intervalUs).then(() => send({ type: 'ok' }));
        break;
      case 'profile-stop':
        void profileStop(message.file).then(() => send({ type: 'ok' }));
        break;
      case 'set-response':
        send({ type: 'ok' });
        break;
      case 'stop':
        server.closeAllConnections();
        server.close(() => process.exit(0));
        break;
    }
  });
}

/**
 * Bytes allocated between 'heap-start' and 'heap-stop': heap growth plus everything the collections meanwhile
 * freed (V8's GC profiler), with the number of scavenges and mark-sweeps and the main thread's time in them.
 */
let heap: { profiler: v8.GCProfiler; before: number } | undefined;
function heapStart(): void {
  const profiler = new v8.GCProfiler();
  profiler.start();
  heap = { profiler, before: process.memoryUsage().heapUsed };
}
function heapStop(): FromServer {
  const end = process.memoryUsage().heapUsed;
  const stats = heap?.profiler.stop()?.statistics ?? [];
  const before = heap?.before ?? end;
  heap = undefined;
  const collected = stats.reduce((sum, s) => sum + Math.max(0, s.beforeGC.heapStatistics.usedHeapSize - s.afterGC.heapStatistics.usedHeapSize), 0);
  return {
    type: 'heap',
    allocatedBytes: end - before + collected,
    scavenges: stats.filter((s) => s.gcType === 'Scavenge').length,
    markSweeps: stats.filter((s) => s.gcType === 'MarkSweepCompact').length,
    gcMs: stats.reduce((sum, s) => sum + s.cost, 0) / 1000,
  };
}

/** The main thread's GC pauses between 'gc-log-start' and 'gc-log-stop', in epoch milliseconds (bench/tail.ts). */
let gcLog: { observer: PerformanceObserver; pauses: GcPause[] } | undefined;
const pauseOf = (e: PerformanceEntry): GcPause => ({ start: performance.timeOrigin + e.startTime, ms: e.duration });
function gcLogStart(): void {
  const pauses: GcPause[] = [];
  const observer = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) pauses.push(pauseOf(e));
  });
  observer.observe({ entryTypes: ['gc'] });
  gcLog = { observer, pauses };
}
function gcLogStop(): GcPause[] {
  const log = gcLog;
  gcLog = undefined;
  if (!log) return [];
  // Entries are delivered asynchronously: take what is buffered before disconnecting.
  for (const e of log.observer.takeRecords()) log.pauses.push(pauseOf(e));
  log.observer.disconnect();
  return log.pauses;
}

/** The CPU profile of a window of load (bench/profile.ts), by the same V8 profiler as `node --cpu-prof`. */
let session: Session | undefined;
async function profileStart(intervalUs: number): Promise<void> {
  session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: intervalUs });
  await session.post('Profiler.start');
}
async function profileStop(file: string): Promise<void> {
  if (!session) return;
  const { profile } = await session.post('Profiler.stop');
  writeFileSync(file, JSON.stringify(profile));
  session.disconnect();
  session = undefined;
}

function send(message: FromServer): void {
  process.send?.(message);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
