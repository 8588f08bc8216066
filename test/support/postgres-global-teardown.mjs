/** jest globalTeardown: stops the cluster the setup started (none when a server was configured). */
export default async function teardown() {
  await globalThis.postgresCluster?.stop();
}
