import { build, type Metafile } from 'esbuild';
import { projectFile } from '../../src/project-files.js';

/**
 * The server bundled as a production start loads it: the demo code and its fixtures must sit only in the
 * chunk that demo mode imports on demand, never in what the entry point loads up front.
 */
let metafile: Metafile;
beforeAll(async () => {
  const result = await build({
    entryPoints: [projectFile('src/server.ts')],
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    packages: 'external',
    outdir: '/bundle-not-written',
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  metafile = result.metafile;
}, 60_000);

/** Output files the entry loads without a dynamic import, and the source files in them. */
function loadedUpFront(): { outputs: string[]; inputs: string[] } {
  const entry = Object.entries(metafile.outputs).find(([, o]) => o.entryPoint?.endsWith('src/server.ts'));
  if (!entry) throw new Error('no entry output for src/server.ts');
  const seen = new Set<string>([entry[0]]);
  const queue = [entry[0]];
  while (queue.length > 0) {
    const out = metafile.outputs[queue.pop() as string];
    for (const imp of out?.imports ?? []) {
      if (imp.kind === 'dynamic-import' || imp.external || seen.has(imp.path)) continue;
      seen.add(imp.path);
      queue.push(imp.path);
    }
  }
  return { outputs: [...seen], inputs: [...seen].flatMap((o) => Object.keys(metafile.outputs[o]?.inputs ?? {})) };
}

const DEMO = /(^|\/)src\/(demo|demo-ehr|fixtures)\//;

test('a production start loads no demo code and no fixture', () => {
  const { inputs } = loadedUpFront();
  expect(inputs.some((i) => i.endsWith('src/app.ts'))).toBe(true);
  expect(inputs.filter((i) => DEMO.test(i))).toEqual([]);
});

test('the demo code and fixtures are in the bundle, behind the demo-mode import', () => {
  const all = Object.values(metafile.outputs).flatMap((o) => Object.keys(o.inputs));
  expect(all.some((i) => /src\/fixtures\/scenarios\//.test(i))).toBe(true);
  expect(all.some((i) => /src\/demo\/demo-mode\.ts$/.test(i))).toBe(true);
});
