/**
 * `npx tsx bench/profile.ts [calls] [connections] [--from-memory]`: a CPU profile of the bundled bench server while
 * it answers `calls` patient-view calls with full prefetch (default 4,000 at 16 connections), printed as the
 * README's cost table: microseconds per request for each part (bench/profile-costs.ts). The profile is kept as
 * dist/bench/hook.cpuprofile for a closer look (Chrome DevTools, speedscope). With `--from-memory`, the server with
 * mapping and rules answered from memory (bench/canned-assess-record.ts) instead: the rest of the hook path alone,
 * its profile in dist/bench/canned/.
 */
import { readFileSync, realpathSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import autocannon from 'autocannon';
import { buildBenchEntries } from './build.js';
import { bundleIndex, costByPart, PARTS, type CpuProfile } from './profile-costs.js';
import { ServerProcess } from './protocol.js';
import { REALISTIC_PATIENT_ID } from './records.js';
import { discover, hookRequest, postJson, prefetchFrom } from './requests.js';

const fromMemory = process.argv.includes('--from-memory');
const [callsArg, connectionsArg] = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const calls = Number(callsArg ?? 4000);
const connections = Number(connectionsArg ?? 16);

function fire(url: string, body: string, amount: number): Promise<void> {
  return new Promise((resolve, reject) => {
    autocannon({ url, method: 'POST', headers: { 'content-type': 'application/json' }, body, connections, pipelining: 1, amount, timeout: 30 }, (err, result) => {
      if (err) reject(err);
      else if (result.non2xx > 0 || result.errors > 0) reject(new Error(`${result.non2xx} non-2xx answers, ${result.errors} errors`));
      else resolve();
    });
  });
}

async function main(): Promise<void> {
  const entries = await buildBenchEntries();
  const bundle = fromMemory ? entries.cannedServer : entries.server;
  const server = await ServerProcess.start(bundle);
  try {
    const service = (await discover(server.baseUrl)).find((s) => s.hook === 'patient-view');
    if (!service) throw new Error('no patient-view service in discovery');
    const context = { patientId: REALISTIC_PATIENT_ID };
    const body = hookRequest('patient-view', context, { prefetch: await prefetchFrom(`${server.baseUrl}/fhir`, service, context) });
    const url = `${server.baseUrl}/cds-services/${service.id}`;
    if ((await postJson(url, body)).status !== 200) throw new Error('patient-view did not answer 200');
    await fire(url, body, 1000); // warm-up: optimised code, not the interpreter, is profiled
    const file = bundle.replace(/server\.mjs$/, 'hook.cpuprofile');
    await server.request({ type: 'profile-start', intervalUs: 100 });
    await fire(url, body, calls);
    await server.request({ type: 'profile-stop', file });
    const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
    const index = bundleIndex(pathToFileURL(realpathSync(bundle)).href, readFileSync(bundle, 'utf8'));
    const { us, busyUs, wallUs } = costByPart(profile, index);
    console.log(`${calls} calls at ${connections} connections; main thread busy ${((100 * busyUs) / wallUs).toFixed(0)}% of ${(wallUs / 1e6).toFixed(1)} s; profile: ${file}`);
    console.log('');
    console.log('| part | µs per request | share |');
    console.log('|---|---:|---:|');
    for (const part of PARTS) console.log(`| ${part} | ${(us[part] / calls).toFixed(0)} | ${((100 * us[part]) / busyUs).toFixed(0)}% |`);
    console.log(`| **total (main thread, profiler on)** | **${(busyUs / calls).toFixed(0)}** | 100% |`);
  } finally {
    await server.stop();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
