import { cp, mkdir, readdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { projectFile } from '../src/project-files.js';

/**
 * Build the browser pages into `dist/web/` (served under `/smart/assets/`): the SMART app and its launch page,
 * and the demo EHR. The app bundles `src/fhir-mapping` and `src/engine`, the same code the service runs;
 * `platform: 'browser'` makes the build fail, naming the importing file, if anything Node-only creeps in.
 */
export const WEB_ENTRIES = {
  'smart-app': 'src/smart/app.ts',
  'smart-launch': 'src/smart/launch.ts',
  'demo-ehr': 'src/demo-ehr/page/demo-ehr.ts',
  analytics: 'src/analytics/page/analytics-page.ts',
} as const;

const STATIC_DIRS = ['src/smart/static', 'src/demo-ehr/static', 'src/analytics/static'];

export async function buildWeb(outDir: string = projectFile('dist/web')): Promise<string> {
  // Build beside the target and swap it in, so a running server never serves a half-written bundle.
  const staging = `${outDir}.building-${process.pid}-${Date.now()}`;
  await mkdir(staging, { recursive: true });
  try {
    await build({
      entryPoints: Object.fromEntries(Object.entries(WEB_ENTRIES).map(([name, file]) => [name, projectFile(file)])),
      outdir: staging,
      bundle: true,
      platform: 'browser',
      format: 'esm',
      target: ['chrome110', 'firefox110', 'safari16'],
      minify: true,
      sourcemap: true,
      // fhirclient's "pure" build: no fetch/AbortController polyfills for old browsers.
      define: { FHIRCLIENT_PURE: 'true' },
      logLevel: 'silent',
    });
    for (const dir of STATIC_DIRS) {
      for (const name of await readdir(projectFile(dir))) await cp(join(projectFile(dir), name), join(staging, name));
    }
    await rm(outDir, { recursive: true, force: true });
    await rename(staging, outDir);
    return outDir;
  } catch (err) {
    await rm(staging, { recursive: true, force: true });
    throw err;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  buildWeb(process.argv[2])
    .then((dir) => console.log(`web assets built in ${dir}`))
    .catch((err: unknown) => {
      console.error(err instanceof Error ? err.message : err);
      process.exit(1);
    });
}
