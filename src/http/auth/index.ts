import type { RequestHandler } from 'express';
import type { Logger } from 'pino';
import type { Config } from '../../config/types.js';
import { authEnforced } from '../../security/startup-policy.js';
import { clientAuth } from './client-auth.js';
import { KeySets, type KeySetOptions, defaultKeySetOptions } from './key-sets.js';
import type { ReplayGuard } from './replay-guard.js';
import { ClientJwtVerifier, type AuthFailureCode } from './verify-client-jwt.js';

/**
 * The CDS client authentication middleware for this configuration, or none when authentication is off
 * (no trusted issuers, or `AUTH_DISABLED=true`). Key caches and the replay cache belong to the app.
 */
export function clientAuthFor(
  config: Config,
  logger: Logger,
  onFailure: (code: AuthFailureCode) => void,
  keySetOptions: KeySetOptions = defaultKeySetOptions,
  /** Where `jti` values are remembered; default: in this process (one replica). */
  replay?: ReplayGuard,
): RequestHandler | undefined {
  if (!authEnforced(config.auth)) return undefined;
  const verifier = new ClientJwtVerifier(config.auth, new KeySets(keySetOptions), replay);
  return clientAuth({ verifier, publicBaseUrl: config.publicBaseUrl, logger, onFailure });
}
