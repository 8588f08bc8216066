import type { LoadResult } from '../../bench/load.js';
import { markdownReport } from '../../bench/report.js';
import { judgeTargets, type GrowthPoint, type Results } from '../../bench/results.js';

const run = (rps: number, p99: number): LoadResult => ({ connections: 0, count: 100, p50: p99 / 2, p99, max: p99, rps, failures: 0 });
const point = (resources: number, usPerResource: number, bytesPerResource: number): GrowthPoint => ({
  resources, runs: 5, mapMs: (usPerResource * resources) / 1000, rulesMs: 0, usPerResource,
  allocatedBytes: bytesPerResource * resources, retainedBytes: 0, recordBytes: 800 * resources,
});

function results(overrides: Partial<Omit<Results, 'targets'>> = {}): Omit<Results, 'targets'> {
  return {
    generatedAt: '2026-06-01T12:00:00Z',
    machine: { cpuModel: 'Test CPU', cores: 2, node: 'v20', platform: 'linux', loadStart: 0.5, loadEnd: 0.7 },
    settings: { seconds: 8, warmupSeconds: 2, rounds: 2 },
    record: { resources: 202, requestBytes: 160_000, responseBytes: 3_000, cards: ['RC-24'], fhirServerResources: 1800 },
    floorRatio: [1, 16, 64].map((connections) => ({
      connections, service: { ...run(900, connections === 1 ? 4 : 8), connections }, floor: { ...run(1000, 6), connections }, throughputRatio: 0.9,
      inAppFloor: { ...run(950, 6), connections }, inAppRatio: 0.95,
      domainFromMemory: { ...run(980, 6), connections }, domainFromMemoryRatio: 0.98,
    })),
    allocation: { calls: 400, bytesPerCall: 600 * 1024, scavengesPerCall: 0.05, gcMsPerCall: 0.1, markSweeps: 0 },
    fallback: { callsPerHook: { min: 12, max: 12 }, hitsPerHook: { min: 12, max: 12 }, rounds: 1, fhirWaitMs: 9, sameCards: true, latency: [] },
    growth: [point(10, 40, 30_000), point(100, 11, 16_000), point(1000, 10, 15_000), point(10_000, 12, 15_000), point(50_000, 12, 15_500)],
    orderSign: { available: false, reason: 'no order-sign service in discovery' },
    ...overrides,
  };
}

const verdicts = (r: Omit<Results, 'targets'>) => Object.fromEntries(judgeTargets(r).map((t) => [t.name, t.met]));

describe('judgeTargets', () => {
  it('meets every target when the numbers do', () => {
    expect(Object.values(verdicts(results()))).toEqual([true, true, true, true, true, true]);
  });

  it('judges throughput against the out-of-process floor at 16 connections', () => {
    const name = 'throughput >= 0.5 x out-of-process floor at 16 connections';
    const r = results();
    r.floorRatio[1]!.throughputRatio = 0.49;
    expect(verdicts(r)[name]).toBe(false);
    const other = results();
    other.floorRatio[2]!.throughputRatio = 0.3;
    expect(verdicts(other)[name]).toBe(true);
  });

  it('fails p99 at one connection only on that row', () => {
    const r = results();
    r.floorRatio[0]!.service.p99 = 5;
    expect(verdicts(r)['p99 < 5 ms at one connection']).toBe(false);
  });

  it('fails p99 at concurrency 16 only on that row', () => {
    const r = results();
    r.floorRatio[1]!.service.p99 = 10;
    expect(verdicts(r)['p99 < 10 ms at concurrency 16']).toBe(false);
  });

  it('fails one round when a query waited for another', () => {
    expect(verdicts(results({ fallback: { ...results().fallback, rounds: 2 } }))['one round of parallel FHIR requests']).toBe(false);
  });

  it('fails flat cost from 100 to 10,000 when time per resource climbs past 1.5x', () => {
    const name = 'cost per resource flat from 100 to 10,000 resources';
    expect(verdicts(results({ growth: [point(100, 10, 15_000), point(10_000, 15.1, 15_000)] }))[name]).toBe(false);
    expect(verdicts(results({ growth: [point(100, 10, 15_000), point(10_000, 14.9, 15_000)] }))[name]).toBe(true);
  });

  it('fails linear growth when time or allocation per resource climbs with size', () => {
    const name = 'linear growth (time and memory per resource flat)';
    expect(verdicts(results({ growth: [point(1000, 10, 15_000), point(50_000, 16, 15_000)] }))[name]).toBe(false);
    expect(verdicts(results({ growth: [point(1000, 10, 15_000), point(50_000, 10, 23_000)] }))[name]).toBe(false);
  });
});

describe('markdownReport', () => {
  it('prints every section, the machine, and why order-sign was skipped', () => {
    const partial = results();
    const text = markdownReport({ ...partial, targets: judgeTargets(partial) });
    for (const heading of ['### 1. Floor ratio', '### 2. Fallback path', '### 3. Growth', '### 4. Order hooks', '### Targets']) {
      expect(text).toContain(heading);
    }
    expect(text).toContain('Test CPU, 2 cores');
    expect(text).toContain('Not available: no order-sign service in discovery.');
    expect(text).toContain('| 16 | 4.00 | 8.00 | 900 | 3.00 | 6.00 | 1000 | 0.90 | 950 | 0.95 | 980 | 0.98 | — |\n');
    expect(text).toContain('Allocation: 600 KB per call');
    expect(text).toContain('| 50,000 |');
  });

  it('leaves the columns of a server not measured empty', () => {
    const partial = results();
    for (const row of partial.floorRatio) {
      delete row.domainFromMemory;
      delete row.domainFromMemoryRatio;
    }
    const text = markdownReport({ ...partial, targets: judgeTargets(partial) });
    expect(text).toContain('| 16 | 4.00 | 8.00 | 900 | 3.00 | 6.00 | 1000 | 0.90 | 950 | 0.95 | — | — | — |\n');
  });

  it('prints where the slowest calls at one connection went, when measured', () => {
    const tail = { calls: 1200, slowCalls: 60, medianMs: 6.2, slowMedianMs: 14.5, slowWithGc: 15, gcMsPerSlowCall: 0.9, fastCalls: 590, fastWithGc: 40, stolenShare: 0.12 };
    const partial = results({ tail });
    const text = markdownReport({ ...partial, targets: judgeTargets(partial) });
    expect(text).toContain('Tail at one connection (1200 calls, the server\'s GC pauses logged meanwhile): the slowest 60 took 14.50 ms at their median against 6.20 ms for all calls; 15 of them overlapped a GC pause, 0.90 ms of GC per slow call (of the 590 calls faster than the median, 40 overlapped one); CPU stolen by the hypervisor meanwhile 12.0%.');
    expect(markdownReport({ ...results(), targets: judgeTargets(results()) })).not.toContain('Tail at one connection');
  });

  it('prints the CPU time stolen by the hypervisor, over the run and per floor-ratio row, when it was read', () => {
    const partial = results({ machine: { ...results().machine, stolenShare: 0.133 } });
    partial.floorRatio[1]!.stolenShare = 0.0849;
    const text = markdownReport({ ...partial, targets: judgeTargets(partial) });
    expect(text).toContain('at end; CPU time stolen by the hypervisor (steal) 13.3% over the run.');
    expect(text).toContain('| 980 | 0.98 | 8.5% |\n');
    expect(text).toContain('| 1 | 2.00 | 4.00 | 900 |');
    expect(text).not.toContain('steal) undefined');
    const without = markdownReport({ ...results(), targets: judgeTargets(results()) });
    expect(without).toContain('0.70 at end.\n');
    expect(without).not.toContain('stolen by the hypervisor');
  });
});
