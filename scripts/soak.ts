/**
 * `npm run soak`: load and faults against the REAL server (src/server.ts in a child process, CDS client
 * authentication on) with a flaky loopback EHR, then a graceful SIGTERM. Reports errors, latency percentiles
 * and memory growth; exits 1 unless there were zero 5xx, zero lost requests and flat memory.
 *
 *   npm run soak                      # 64 clients for 60 s
 *   npm run soak -- --seconds 20 --clients 16
 *
 * Loopback only; every loop is bounded by the run's deadline and every request by a client timeout.
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import { startFlakyBackend, type FlakyBackend } from './soak/flaky-fhir.js';
import { heapFloorGrowthMb, percentile, sampleMemory, type MemorySample } from './soak/measure.js';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : NaN;
  return Number.isFinite(v) && v > 0 ? v : fallback;
};
const SECONDS = arg('seconds', 60);
const CLIENTS = arg('clients', 64);
const WARMUP_S = Math.min(10, SECONDS / 4);
const MAX_HEAP_GROWTH_MB = 32;
const PUBLIC = 'http://cds.soak.local';
const SERVICE = 'rectal-cancer-stage-iv';

interface Tally {
  statuses: Map<number, number>;
  lost: number;
  lostReasons: Map<string, number>;
  latenciesMs: number[];
}

function startService(backend: FlakyBackend) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    env: {
      PATH: process.env['PATH'] ?? '',
      CDS_MODE: 'demo',
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      PUBLIC_BASE_URL: PUBLIC,
      CDS_TRUSTED_ISSUERS: JSON.stringify([{ iss: 'https://ehr.soak.local/', jwksUrl: backend.jwksUrl }]),
      // The soak measures the service under load, not its admission limits: room for every client at once.
      FHIR_CONCURRENT_CALLS: '256',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const log = { errors: 0, unhandled: 0, tail: [] as string[] };
  let port: number | undefined;
  let pending = '';
  const onData = (d: Buffer) => {
    pending += d.toString();
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) {
      if (port === undefined) port = Number(/"port":(\d+)[^\n]*rectal-cds listening/.exec(line)?.[1]) || undefined;
      if (/"level":(50|60)/.test(line)) log.errors += 1;
      if (/unhandled/i.test(line)) log.unhandled += 1;
      log.tail.push(line.slice(0, 300));
      if (log.tail.length > 20) log.tail.shift();
    }
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  const ready = (async () => {
    for (let i = 0; i < 600 && port === undefined; i++) await new Promise((r) => setTimeout(r, 100));
    if (port === undefined) throw new Error(`the service did not start:\n${log.tail.join('\n')}`);
    return `http://127.0.0.1:${port}`;
  })();
  return { child, log, exited, ready };
}

/** One hook call: mostly through the flaky FHIR server, some with full prefetch, a few malformed. */
async function oneCall(base: string, backend: FlakyBackend, tally: Tally): Promise<void> {
  const patientId = backend.patientIds[Math.floor(Math.random() * backend.patientIds.length)]!;
  const roll = Math.random();
  const request = {
    hook: 'patient-view',
    hookInstance: randomUUID(),
    context: { userId: 'Practitioner/soak', patientId },
    ...(roll < 0.7
      ? { fhirServer: backend.fhirBase, fhirAuthorization: { access_token: `ehr-${randomUUID()}`, token_type: 'Bearer', expires_in: 300, scope: 'patient/*.read', subject: 'soak' } }
      : { prefetch: backend.prefetch.get(patientId) }),
  };
  const malformed = roll > 0.95;
  const jwt = await new SignJWT({ iss: 'https://ehr.soak.local/', aud: `${PUBLIC}/cds-services/${SERVICE}`, jti: randomUUID() })
    .setProtectedHeader({ alg: 'ES384', typ: 'JWT', kid: backend.kid })
    .setIssuedAt()
    .setExpirationTime('2m')
    .sign(backend.signingKey);
  const started = performance.now();
  try {
    const res = await fetch(`${base}/cds-services/${SERVICE}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${jwt}` },
      body: malformed ? '{"hook": "patient-view", "context": {' : JSON.stringify(request),
      signal: AbortSignal.timeout(15_000),
    });
    await res.arrayBuffer();
    tally.statuses.set(res.status, (tally.statuses.get(res.status) ?? 0) + 1);
    tally.latenciesMs.push(performance.now() - started);
  } catch (err) {
    tally.lost += 1;
    const reason = (err as Error).name === 'TimeoutError' ? 'client timeout (15 s)' : String((err as Error).cause ?? (err as Error).message);
    tally.lostReasons.set(reason, (tally.lostReasons.get(reason) ?? 0) + 1);
  }
}

async function main(): Promise<void> {
  console.log(`soak: ${CLIENTS} clients for ${SECONDS} s against the real server, flaky loopback EHR, client JWTs on`);
  const backend = await startFlakyBackend();
  const service = startService(backend);
  const base = await service.ready;
  const tally: Tally = { statuses: new Map(), lost: 0, lostReasons: new Map(), latenciesMs: [] };

  const t0 = performance.now();
  const elapsedS = () => (performance.now() - t0) / 1000;
  const deadline = t0 + SECONDS * 1000;
  const samples: MemorySample[] = [];
  const sampler = setInterval(() => {
    void sampleMemory(base, elapsedS()).then((s) => s && samples.push(s));
  }, 2000);
  const startSample = await sampleMemory(base, 0);

  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      while (performance.now() < deadline) await oneCall(base, backend, tally);
    }),
  );
  clearInterval(sampler);
  const endSample = await sampleMemory(base, elapsedS());

  service.child.kill('SIGTERM');
  const exitCode = await Promise.race([service.exited, new Promise<'hung'>((r) => setTimeout(() => r('hung'), 20_000))]);
  if (exitCode === 'hung') service.child.kill('SIGKILL');
  await backend.close();

  const steady = samples.filter((s) => s.atS >= WARMUP_S);
  const growth = heapFloorGrowthMb(steady);
  const sorted = [...tally.latenciesMs].sort((a, b) => a - b);
  const total = sorted.length + tally.lost;
  const fivexx = [...tally.statuses].filter(([s]) => s >= 500).reduce((n, [, c]) => n + c, 0);
  const unexpected = [...tally.statuses].filter(([s]) => ![200, 400, 412].includes(s)).reduce((n, [, c]) => n + c, 0);
  const round = (x: number) => Math.round(x);

  const report = {
    seconds: SECONDS,
    clients: CLIENTS,
    requests: total,
    perSecond: round(total / SECONDS),
    statuses: Object.fromEntries([...tally.statuses].sort(([a], [b]) => a - b)),
    fivexx,
    lost: tally.lost,
    lostReasons: Object.fromEntries(tally.lostReasons),
    latencyMs: { p50: round(percentile(sorted, 50)), p95: round(percentile(sorted, 95)), p99: round(percentile(sorted, 99)), max: round(sorted.at(-1) ?? 0) },
    fhirBackend: backend.faults,
    memoryMb: {
      rssStart: round(startSample?.rssMb ?? NaN),
      rssEnd: round(endSample?.rssMb ?? NaN),
      heapUsedStart: round(startSample?.heapUsedMb ?? NaN),
      heapUsedEnd: round(endSample?.heapUsedMb ?? NaN),
      heapFloorGrowthAfterWarmup: round(growth),
      heapUsedEvery2s: steady.map((s) => round(s.heapUsedMb)).join(' '),
    },
    serverErrorLogLines: service.log.errors,
    unhandledRejections: service.log.unhandled,
    shutdown: exitCode === 0 ? 'drained, exit 0' : `exit ${String(exitCode)}`,
  };
  console.log(JSON.stringify(report, null, 2));

  const failures = [
    fivexx > 0 && `${fivexx} responses were 5xx`,
    tally.lost > 0 && `${tally.lost} requests got no response`,
    unexpected > 0 && `${unexpected} responses had an unexpected status`,
    growth > MAX_HEAP_GROWTH_MB && `heap floor grew by ${round(growth)} MB (limit ${MAX_HEAP_GROWTH_MB} MB)`,
    service.log.unhandled > 0 && 'the server logged unhandled rejections',
    exitCode !== 0 && `the server did not shut down cleanly (${String(exitCode)})`,
  ].filter(Boolean);
  if (failures.length > 0) {
    console.error(`SOAK FAILED:\n  ${failures.join('\n  ')}\nlast server log lines:\n${service.log.tail.join('\n')}`);
    process.exit(1);
  }
  console.log('SOAK PASSED: zero 5xx, zero lost requests, flat memory, clean shutdown');
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
