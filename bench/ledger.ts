/**
 * 5. The ledger's cost: patient-view with full prefetch at 16 connections, the service with the card ledger off,
 * on with the embedded store, and on with PostgreSQL (a private cluster on loopback unless TEST_DATABASE_URL
 * or DATABASE_URL names a server). "On" is the default configuration: every card recorded before the answer
 * (group commit), and the snooze step reading the store. Three server processes, rounds taking turns; each
 * "on" is compared with the "off" of the same round, and the median round is reported.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDatabase, startPostgresCluster, type PostgresCluster } from '../scripts/postgres-cluster.mjs';
import { runLoad, type LoadResult } from './load.js';
import { ServerProcess } from './protocol.js';
import { REALISTIC_PATIENT_ID } from './records.js';
import { discover, hookRequest, postJson, prefetchFrom } from './requests.js';
import type { LedgerCost, LedgerMode } from './results.js';

const CONNECTIONS = 16;

export async function measureLedger(entry: string, settings: { seconds: number; warmupSeconds: number; rounds: number }, progress: (m: string) => void): Promise<LedgerCost> {
  const dataDir = mkdtempSync(join(tmpdir(), 'rectal-cds-bench-ledger-'));
  const configured = process.env['TEST_DATABASE_URL'] ?? process.env['DATABASE_URL'];
  let cluster: PostgresCluster | undefined;
  let db: { url: string; drop(): Promise<void> } | undefined;
  const servers: Partial<Record<LedgerMode, ServerProcess>> = {};
  try {
    if (!configured) progress('ledger: starting a private PostgreSQL cluster');
    cluster = configured ? undefined : await startPostgresCluster();
    db = await createDatabase(configured ?? cluster!.url, `bench_ledger_${Date.now()}`);
    const key = { PSEUDONYM_KEY: 'bench-pseudonym-key-0123456789-abcdefghijk' };
    const envs: Record<LedgerMode, Record<string, string>> = {
      off: { LEDGER: 'off' },
      embedded: { LEDGER: 'on', DATA_DIR: dataDir, ...key },
      postgres: { LEDGER: 'on', DATABASE_URL: db.url, ...key },
    };
    for (const mode of Object.keys(envs) as LedgerMode[]) servers[mode] = await ServerProcess.start(entry, envs[mode]);
    const any = servers.off!;
    const service = (await discover(any.baseUrl)).find((s) => s.hook === 'patient-view');
    if (!service) throw new Error('no patient-view service in discovery');
    const context = { patientId: REALISTIC_PATIENT_ID };
    const body = hookRequest('patient-view', context, { prefetch: await prefetchFrom(`${any.baseUrl}/fhir`, service, context) });
    const modes = Object.keys(envs) as LedgerMode[];
    const runs: Record<LedgerMode, LoadResult[]> = { off: [], embedded: [], postgres: [] };
    // Short rounds, the three servers taking turns (first place rotating), and each "on" compared with the "off"
    // of its own round: the three servers share two cores with the load generator and with whatever else the
    // machine runs, and a round's neighbours see the same machine. The median round is the figure.
    const rounds = settings.seconds >= 8 ? 7 : Math.max(settings.rounds, 1);
    const seconds = settings.seconds >= 8 ? 5 : settings.seconds;
    const warmupSeconds = Math.min(settings.warmupSeconds, 1);
    for (let round = 0; round < rounds; round++) {
      for (let k = 0; k < modes.length; k++) {
        const mode = modes[(round + k) % modes.length]!;
        progress(`ledger: ${mode}, round ${round + 1} of ${rounds}`);
        const url = `${servers[mode]!.baseUrl}/cds-services/${service.id}`;
        const check = await postJson(url, body);
        if (check.status !== 200) throw new Error(`patient-view with the ledger ${mode} answered ${check.status}`);
        runs[mode].push(await runLoad({ url, body, connections: CONNECTIONS, seconds, warmupSeconds }));
      }
    }
    return {
      connections: CONNECTIONS,
      rounds,
      rows: modes.map((mode) => ({
        mode,
        result: medianBy(runs[mode], (r) => r.rps),
        ratioToOff: median(runs[mode].map((r, i) => r.rps / runs.off[i]!.rps)),
      })),
    };
  } finally {
    for (const s of Object.values(servers)) await s.stop();
    await db?.drop().catch(() => undefined);
    await cluster?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** The run whose key is the median (the lower middle one of an even count). */
function medianBy<T>(items: readonly T[], key: (t: T) => number): T {
  const sorted = [...items].sort((a, b) => key(a) - key(b));
  return sorted[(sorted.length - 1) >> 1]!;
}
