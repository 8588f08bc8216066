/**
 * Compiles the measured processes (bench/server.ts, bench/growth.ts, bench/floor.ts and the src they import) to plain
 * JavaScript before they run, as production runs tsc's output rather than TypeScript through a loader.
 * Under tsx every nested function also pays for a `__name` helper call (esbuild's keepNames), which showed
 * in the profiles of the mapping. Packages stay external, so they load from node_modules as in production.
 */
import { build, type Plugin } from 'esbuild';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
/**
 * Under dist/ of this checkout: ignored by git, src/project-files.ts finds this checkout's package.json walking up
 * from it, and packages resolve through its node_modules. (Not under node_modules/: where that is a link to
 * another checkout's, the bundle would land there, read that checkout's files and race its benchmarks.)
 */
const outdir = `${root}dist/bench`;

export interface BenchEntries {
  server: string;
  /** The same server with mapping and rules answered from memory after the first call (bench/canned-assess-record.ts). */
  cannedServer: string;
  growth: string;
  floor: string;
}

/** Bundle `entryPoints` (name -> source file) into `dir` as `name.mjs`: plain ESM for Node 20, packages external. */
export async function bundleForNode(entryPoints: Record<string, string>, dir: string, plugins: Plugin[] = []): Promise<void> {
  await build({
    plugins,
    entryPoints,
    outdir: dir,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    packages: 'external',
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'warning',
  });
}

/** Every import of src/hooks/assess-record.js, except the stand-in's own, resolves to the stand-in. */
const cannedDomain: Plugin = {
  name: 'canned-domain',
  setup(b) {
    const standIn = `${root}bench/canned-assess-record.ts`;
    b.onResolve({ filter: /assess-record\.js$/ }, (args) => (args.importer === standIn ? undefined : { path: standIn }));
  },
};

export async function buildBenchEntries(): Promise<BenchEntries> {
  await bundleForNode({ server: `${root}bench/server.ts`, growth: `${root}bench/growth.ts`, floor: `${root}bench/floor.ts` }, outdir);
  // Its own folder, under the same file name: bench/profile.ts writes a profile beside a bundle named server.mjs.
  await bundleForNode({ server: `${root}bench/server.ts` }, `${outdir}/canned`, [cannedDomain]);
  return { server: `${outdir}/server.mjs`, cannedServer: `${outdir}/canned/server.mjs`, growth: `${outdir}/growth.mjs`, floor: `${outdir}/floor.mjs` };
}
