import { pino, type DestinationStream, type Logger } from 'pino';
import type { Config } from '../config/types.js';

/**
 * Belt and braces: the code never logs tokens or request bodies, and these paths are censored should an
 * object carrying one ever reach a log call.
 */
export const REDACTED_PATHS = [
  'authorization',
  'headers.authorization',
  'req.headers.authorization',
  '*.authorization',
  'fhirAuthorization',
  '*.fhirAuthorization',
  'access_token',
  '*.access_token',
  'token',
  '*.token',
  'prefetch',
  '*.prefetch',
];

/** JSON lines (pino) with ISO times; `destination` lets tests read what would be written. */
export function createLogger(config: Pick<Config, 'logLevel'>, destination?: DestinationStream): Logger {
  const options = {
    level: config.logLevel,
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    timestamp: pino.stdTimeFunctions.isoTime,
  };
  return destination ? pino(options, destination) : pino(options);
}
