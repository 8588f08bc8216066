import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { patientViewRequest, prefetchFor, service } from '../support/prefetch.js';
import { startSlowFhirServer } from './slow-fhir-server.js';

/**
 * The real entry point (`src/server.ts`) as a child process: production start-up refusals, and SIGTERM
 * draining in-flight requests before a clean exit.
 */
interface Run {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

function runServer(env: Record<string, string>): Run {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    cwd: process.cwd(),
    // Only what the server needs: no inherited configuration leaks into the test.
    // The embedded store and the demo pseudonym key go to a throw-away directory, not the working tree.
    env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '', DATA_DIR: mkdtempSync(join(tmpdir(), 'rectal-cds-ops-')), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, output: () => out, exited };
}

async function listeningPort(run: Run): Promise<number> {
  for (let i = 0; i < 300; i++) {
    const m = /"port":(\d+)[^\n]*"msg":"rectal-cds listening"/.exec(run.output());
    if (m) return Number(m[1]);
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`server did not start:\n${run.output()}`);
}

test('production without trusted issuers refuses to start (exit 2, saying why)', async () => {
  const run = runServer({ CDS_MODE: 'production' });
  expect(await run.exited).toBe(2);
  expect(run.output()).toMatch(/Refusing to start in production mode:[\s\S]*CDS_TRUSTED_ISSUERS is empty/);
});

test('production with FHIR_ALLOW_HTTP refuses to start', async () => {
  const run = runServer({ CDS_MODE: 'production', AUTH_DISABLED: 'true', FHIR_ALLOW_HTTP: 'true' });
  expect(await run.exited).toBe(2);
  expect(run.output()).toMatch(/FHIR_ALLOW_HTTP=true is for demo mode only/);
});

test('SIGTERM: the in-flight request is answered, then the process exits 0', async () => {
  const fhir = await startSlowFhirServer(800);
  const run = runServer({ PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', CDS_MODE: 'demo' });
  try {
    const port = await listeningPort(run);
    expect(run.output()).toMatch(/CDS client authentication is OFF/); // demo mode says it is open
    expect(run.output()).toMatch(/rectal-cds is ready \(demo mode, listening on 127\.0\.0\.1:\d+\): demo EHR http:\/\/localhost:0\/ · CDS service .* · FHIR server .*\/fhir/);

    const prefetch = prefetchFor(service('patient-view'), [{ resourceType: 'Patient', id: 'p1' } as never]);
    delete prefetch['observations'];
    const pending = fetch(`http://127.0.0.1:${port}/cds-services/rectal-cancer-stage-iv`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(patientViewRequest('p1', { fhirServer: fhir.base, prefetch })),
    });
    await fhir.waitForRequests(1);
    run.child.kill('SIGTERM');

    const res = await pending;
    expect(res.status).toBe(200);
    expect(await res.json()).toHaveProperty('cards');
    expect(await run.exited).toBe(0);
    expect(run.output()).toMatch(/all requests answered; exiting/);
    expect(run.output()).not.toMatch(/unhandled/i);
  } finally {
    run.child.kill('SIGKILL');
    await fhir.close();
  }
});

test('a port already in use: exit 1 with one line saying what to do, no stack trace', async () => {
  const { createServer } = await import('node:net');
  const taken = createServer();
  await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
  const port = (taken.address() as { port: number }).port;
  try {
    const run = runServer({ PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'silent', CDS_MODE: 'demo' });
    expect(await run.exited).toBe(1);
    expect(run.output()).toMatch(new RegExp(`rectal-cds cannot start: 127\\.0\\.0\\.1:${port} is in use\\. .*PORT=${port + 1} npm start`));
    expect(run.output()).not.toMatch(/\n\s+at /);
  } finally {
    await new Promise((resolve) => taken.close(resolve));
  }
}, 60_000);
