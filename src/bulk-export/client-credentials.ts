import { readFile } from 'node:fs/promises';
import { importJWK, importPKCS8, type JWK } from 'jose';
import type { BackendAuth } from './backend-auth.js';
import { BulkExportError } from './errors.js';

/**
 * The export client's credentials as an operator gives them (environment or command-line flags):
 * `BULK_CLIENT_ID`, `BULK_PRIVATE_KEY_FILE` (a private JWK as JSON, or a PKCS#8 PEM), `BULK_KEY_ID` (needed
 * for a PEM; a JWK's own `kid` otherwise), `BULK_KEY_ALG` (`ES384` or `RS384`; a JWK's own `alg`, else from
 * the key type), `BULK_TOKEN_URL` (default: discovered) and `BULK_SCOPE` (default `system/*.read`).
 * Without `BULK_CLIENT_ID` the export runs without authorisation (`undefined`).
 */
export interface BackendAuthSettings {
  clientId?: string | undefined;
  privateKeyFile?: string | undefined;
  keyId?: string | undefined;
  alg?: string | undefined;
  tokenUrl?: string | undefined;
  scope?: string | undefined;
}

export function backendAuthSettingsFromEnv(env: Record<string, string | undefined>): BackendAuthSettings {
  const get = (name: string) => (env[name] === '' ? undefined : env[name]);
  return {
    clientId: get('BULK_CLIENT_ID'),
    privateKeyFile: get('BULK_PRIVATE_KEY_FILE'),
    keyId: get('BULK_KEY_ID'),
    alg: get('BULK_KEY_ALG'),
    tokenUrl: get('BULK_TOKEN_URL'),
    scope: get('BULK_SCOPE'),
  };
}

const ALGS = new Set(['ES384', 'RS384']);

/** Read the private key and build the credentials; a `BulkExportError('auth')` says what is missing or wrong. */
export async function loadBackendAuth(settings: BackendAuthSettings): Promise<BackendAuth | undefined> {
  if (!settings.clientId) {
    if (settings.privateKeyFile) throw new BulkExportError('auth', 'a private key is given but no client id (BULK_CLIENT_ID)');
    return undefined;
  }
  if (!settings.privateKeyFile) throw new BulkExportError('auth', `client ${settings.clientId} needs its private key (BULK_PRIVATE_KEY_FILE)`);
  let text: string;
  try {
    text = await readFile(settings.privateKeyFile, 'utf8');
  } catch (err) {
    throw new BulkExportError('auth', `the private key file ${settings.privateKeyFile} cannot be read (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  const pem = text.includes('-----BEGIN');
  let jwk: JWK | undefined;
  if (!pem) {
    try {
      jwk = JSON.parse(text) as JWK;
    } catch {
      throw new BulkExportError('auth', `${settings.privateKeyFile} is neither a JWK (JSON) nor a PEM private key`);
    }
    if (typeof jwk.d !== 'string') throw new BulkExportError('auth', `${settings.privateKeyFile} holds a public key; the client signs with its private key`);
  }
  const alg = settings.alg ?? jwk?.alg ?? (jwk?.kty === 'RSA' ? 'RS384' : 'ES384');
  if (!ALGS.has(alg)) throw new BulkExportError('auth', `key algorithm ${alg} is not used: ES384 or RS384`);
  const kid = settings.keyId ?? jwk?.kid;
  if (!kid) throw new BulkExportError('auth', 'the key id is missing (BULK_KEY_ID, or a kid in the JWK)');
  try {
    const privateKey = pem ? await importPKCS8(text, alg) : await importJWK(jwk!, alg);
    if (privateKey instanceof Uint8Array) throw new Error('symmetric');
    return {
      clientId: settings.clientId,
      privateKey,
      alg: alg as BackendAuth['alg'],
      kid,
      ...(settings.tokenUrl ? { tokenUrl: settings.tokenUrl } : {}),
      ...(settings.scope ? { scope: settings.scope } : {}),
    };
  } catch {
    throw new BulkExportError('auth', `${settings.privateKeyFile} is not a ${alg} private key`);
  }
}
