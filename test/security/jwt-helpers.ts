import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK } from 'jose';

/** A CDS client's signing key, generated in the test. */
export interface ClientKey {
  alg: 'ES384' | 'RS384';
  kid: string;
  privateKey: CryptoKey;
  publicJwk: JWK;
}

export async function clientKey(alg: 'ES384' | 'RS384', kid: string): Promise<ClientKey> {
  const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true });
  return { alg, kid, privateKey, publicJwk: { ...(await exportJWK(publicKey)), kid, alg, use: 'sig' } };
}

export interface TokenSpec {
  iss: string;
  aud: string;
  /** Seconds from now. */
  expIn?: number;
  iatIn?: number;
  nbfIn?: number;
  jti?: string;
  header?: Record<string, unknown>;
  claims?: Record<string, unknown>;
}

/** A CDS client JWT as an EHR would send it (CDS Hooks 2.0 claims), adjustable for each negative case. */
export async function signToken(key: ClientKey, spec: TokenSpec): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const claims: Record<string, unknown> = {
    iss: spec.iss,
    aud: spec.aud,
    exp: now + (spec.expIn ?? 240),
    iat: now + (spec.iatIn ?? 0),
    jti: spec.jti ?? randomUUID(),
    ...(spec.nbfIn !== undefined ? { nbf: now + spec.nbfIn } : {}),
    ...spec.claims,
  };
  return new SignJWT(claims).setProtectedHeader({ alg: key.alg, typ: 'JWT', kid: key.kid, ...spec.header }).sign(key.privateKey);
}

const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');

/** An unsigned token (`alg: none`), which jose refuses to produce. */
export function unsignedToken(claims: Record<string, unknown>, kid: string): string {
  return `${b64({ alg: 'none', typ: 'JWT', kid })}.${b64(claims)}.`;
}

/** A real loopback HTTP server serving JWK Sets by path (`/hang` never answers); counts the fetches of each path. */
export interface JwksServer {
  base: string;
  sets: Map<string, { keys: JWK[] }>;
  fetches: Map<string, number>;
  close(): Promise<void>;
}

export async function startJwksServer(): Promise<JwksServer> {
  const sets = new Map<string, { keys: JWK[] }>();
  const fetches = new Map<string, number>();
  const server: Server = createServer((req, res) => {
    const path = req.url ?? '';
    fetches.set(path, (fetches.get(path) ?? 0) + 1);
    if (path === '/hang') return; // never answers
    const set = sets.get(path);
    if (!set) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(set));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    base: `http://127.0.0.1:${port}`,
    sets,
    fetches,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
