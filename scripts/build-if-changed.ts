/**
 * `npm start` builds only when the build is missing or its inputs changed since the last build (a full build
 * takes tens of seconds on a small machine): the inputs' digest is kept beside the build in
 * `dist/.build-inputs`. `npm run build` always builds, and records the digest (`--record`).
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { projectFile } from '../src/project-files.js';

/** What the build reads: the sources, the web build script, the compiler settings and the locked dependencies. */
const INPUTS = ['src', 'scripts/build-web.ts', 'tsconfig.json', 'tsconfig.build.json', 'package-lock.json'];
/** What `npm start` needs from the build. */
export const OUTPUTS = ['dist/src/server.js', 'dist/web/demo-ehr.html', 'dist/web/app.html', 'dist/web/smart-app.js'];
export const STAMP = 'dist/.build-inputs';

function files(path: string): string[] {
  if (!existsSync(path)) return [];
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path)
    .sort()
    .flatMap((name) => files(join(path, name)));
}

/** One digest of every input file's path and bytes. */
export function inputsDigest(root: string = projectFile('')): string {
  const hash = createHash('sha256');
  for (const file of INPUTS.flatMap((i) => files(join(root, i)))) {
    hash.update(relative(root, file)).update('\0').update(readFileSync(file)).update('\0');
  }
  return hash.digest('hex');
}

/** Why a build is needed, or undefined when the build is there and made from these inputs. */
export function staleReason(digest: string, root: string = projectFile('')): string | undefined {
  const missing = OUTPUTS.find((o) => !existsSync(join(root, o)));
  if (missing) return `${missing} is missing`;
  const stamp = join(root, STAMP);
  if (!existsSync(stamp)) return 'the build has no record of its inputs';
  if (readFileSync(stamp, 'utf8').trim() !== digest) return 'sources changed since the last build';
  return undefined;
}

function main(): void {
  const digest = inputsDigest();
  if (process.argv.includes('--record')) {
    writeFileSync(projectFile(STAMP), `${digest}\n`);
    return;
  }
  const reason = staleReason(digest);
  if (!reason) {
    console.error('build: up to date (sources unchanged since the last build); npm run build rebuilds');
    return;
  }
  console.error(`build: building, ${reason}`);
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const result = spawnSync(npm, ['run', '--silent', 'build'], { cwd: projectFile(''), stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main();
