/**
 * A private PostgreSQL cluster for tests and benchmarks: initdb in a temporary directory, a server on
 * 127.0.0.1 on a free port, trust authentication for loopback only, removed on stop. Uses the machine's
 * PostgreSQL server binaries (Debian's `postgresql`; `scripts/ensure-postgres.sh` installs it). PostgreSQL
 * refuses to run as root, so as root the cluster runs as the `postgres` system user.
 * Plain JavaScript (types in postgres-cluster.d.mts): jest's globalSetup loads it without a transform.
 */
import { spawn, spawnSync } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, openSync, readdirSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir, userInfo } from "node:os";
import { join } from "node:path";
import pg from "pg";
function postgresBinDir() {
  const root = "/usr/lib/postgresql";
  const versions = existsSync(root) ? readdirSync(root).filter((v) => existsSync(join(root, v, "bin", "initdb"))) : [];
  versions.sort((a, b) => Number(b) - Number(a));
  if (versions[0]) return join(root, versions[0], "bin");
  const fromPath = spawnSync("pg_config", ["--bindir"], { encoding: "utf8" });
  if (fromPath.status === 0 && existsSync(join(fromPath.stdout.trim(), "initdb"))) return fromPath.stdout.trim();
  throw new Error("no PostgreSQL server binaries (initdb): run scripts/ensure-postgres.sh, or set TEST_DATABASE_URL");
}
function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}
const asRoot = () => userInfo().uid === 0;
const asServerUser = (cmd, args) => asRoot() ? ["runuser", ["-u", "postgres", "--", cmd, ...args]] : [cmd, args];
async function waitUntilAccepting(url, child, log, timeoutMs = 3e4) {
  const deadline = Date.now() + timeoutMs;
  for (; ; ) {
    if (child.exitCode !== null) throw new Error(`postgres exited with code ${child.exitCode}; see ${log}`);
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1e3 });
    try {
      await client.connect();
      await client.end();
      return;
    } catch {
      await client.end().catch(() => void 0);
      if (Date.now() > deadline) throw new Error(`postgres did not accept connections within ${timeoutMs} ms; see ${log}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}
/** Start a cluster; `url` is the superuser URL of its `postgres` database. */
async function startPostgresCluster() {
  const bin = postgresBinDir();
  const dir = mkdtempSync(join(tmpdir(), "rectal-cds-pg-"));
  const data = join(dir, "data");
  if (asRoot()) {
    const ids = spawnSync("id", ["-u", "postgres"], { encoding: "utf8" });
    const gid = spawnSync("id", ["-g", "postgres"], { encoding: "utf8" });
    if (ids.status !== 0) throw new Error("running as root and there is no postgres user to run the server as");
    chownSync(dir, Number(ids.stdout.trim()), Number(gid.stdout.trim()));
  }
  const [initCmd, initArgs] = asServerUser(join(bin, "initdb"), ["-D", data, "-A", "trust", "-U", "postgres", "-E", "UTF8", "--locale=C", "--no-sync"]);
  const init = spawnSync(initCmd, initArgs, { encoding: "utf8" });
  if (init.status !== 0) throw new Error(`initdb failed: ${init.stderr || init.stdout}`);
  const port = await freePort();
  const log = join(dir, "postgres.log");
  const out = openSync(log, "a");
  const [cmd, args] = asServerUser(join(bin, "postgres"), ["-D", data, "-h", "127.0.0.1", "-p", String(port), "-k", dir, "-c", "max_connections=200", "-c", "shared_buffers=64MB"]);
  const child = spawn(cmd, args, { stdio: ["ignore", out, out] });
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  try {
    await waitUntilAccepting(url, child, log);
  } catch (err) {
    child.kill("SIGKILL");
    throw err;
  }
  return {
    url,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once("exit", r));
        if (asRoot()) spawnSync("kill", ["-INT", String(serverPid(data) ?? child.pid)]);
        else child.kill("SIGINT");
        await Promise.race([exited, new Promise((r) => setTimeout(r, 1e4))]);
        if (child.exitCode === null) child.kill("SIGKILL");
      }
      rmSync(dir, { recursive: true, force: true });
    }
  };
}
/** The postmaster pid (first line of postmaster.pid): under runuser the child is runuser, not postgres. */
function serverPid(data) {
  const r = spawnSync("head", ["-n", "1", join(data, "postmaster.pid")], { encoding: "utf8" });
  const pid = Number(r.stdout.trim());
  return r.status === 0 && pid > 0 ? pid : void 0;
}
/** A new empty database on the server of `serverUrl`, for one test file or benchmark run. */
async function createDatabase(serverUrl, name) {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: serverUrl });
      await c.connect();
      try {
        await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await c.end();
      }
    }
  };
}
export {
  createDatabase,
  postgresBinDir,
  startPostgresCluster
};
