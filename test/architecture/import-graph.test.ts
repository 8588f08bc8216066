import { importCircles, importGraph, staticallyReachable } from './import-graph.js';

/**
 * The house rules of the code base, walked over the real import graph of `src/`: no circles, the mapping never
 * imports the engine, the pure core never touches transport, storage or the clock's owners, and production
 * code never reaches demo code or fixtures.
 */
const edges = importGraph();
const from = (dir: string) => edges.filter((e) => e.from.startsWith(dir));
const to = (pattern: RegExp) => (e: { to: string }) => pattern.test(e.to);

test('the graph is read (a walk that finds nothing proves nothing)', () => {
  expect(edges.length).toBeGreaterThan(300);
  expect(edges.some((e) => e.from === 'src/app.ts' && e.to === 'src/hooks/routes.ts')).toBe(true);
});

test('no import circle', () => {
  expect(importCircles(edges).map((c) => c.join(' -> '))).toEqual([]);
});

test('the mapping never imports the engine', () => {
  expect(from('src/fhir-mapping/').filter(to(/^src\/engine\//))).toEqual([]);
});

test('mapping and engine know no transport, storage, configuration loading or hook edge', () => {
  const forbidden = /^(express|pg|better-sqlite3|kysely|fhir-kit-client|node:http|node:https|node:net|node:fs|src\/(hooks|http|fhir-client|security|observability|config\/load-config|store)\b)/;
  expect([...from('src/fhir-mapping/'), ...from('src/engine/')].filter(to(forbidden))).toEqual([]);
});

test('the HTTP layer never imports demo code or fixtures', () => {
  expect(from('src/http/').filter(to(/^src\/(demo|demo-ehr|fixtures)\//))).toEqual([]);
});

test('a production start reaches no demo code and no fixture before the demo-mode import', () => {
  const loaded = [...staticallyReachable(edges, 'src/server.ts')];
  expect(loaded.length).toBeGreaterThan(50);
  expect(loaded.filter((m) => /^src\/(demo|demo-ehr|fixtures)\//.test(m))).toEqual([]);
  // ... and demo mode is really imported from there, dynamically.
  expect(edges.some((e) => e.from === 'src/server.ts' && e.to === 'src/demo/demo-mode.ts' && e.dynamic)).toBe(true);
});
