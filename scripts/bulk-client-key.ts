/**
 * `npx tsx scripts/bulk-client-key.ts [--client-id ID] [--out FILE]`: a new ES384 key pair for a SMART Backend
 * Services client of the Bulk Data export. Writes the private JWK to FILE (mode 600; default
 * `data/bulk-client.private.jwk.json`) and prints the `DEMO_BACKEND_CLIENTS` value that registers the public
 * half with the demo's embedded FHIR server. The private key never leaves the file.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';
import { exportJWK, generateKeyPair } from 'jose';

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { 'client-id': { type: 'string', default: 'rectal-cds-audit' }, out: { type: 'string', default: 'data/bulk-client.private.jwk.json' } } });
  const clientId = values['client-id'];
  const out = values.out;
  const { privateKey, publicKey } = await generateKeyPair('ES384', { extractable: true });
  const kid = randomUUID();
  const meta = { kid, alg: 'ES384', use: 'sig' };
  await mkdir(dirname(out), { recursive: true });
  await writeFile(out, `${JSON.stringify({ ...(await exportJWK(privateKey)), ...meta }, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
  const registration = [{ clientId, jwks: { keys: [{ ...(await exportJWK(publicKey)), ...meta }] } }];
  console.error(`private key of client ${clientId} written to ${out}`);
  console.log(`DEMO_BACKEND_CLIENTS='${JSON.stringify(registration)}'`);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
