import type { Config } from './config/types.js';

/**
 * The one line a person reads when the service has started: where to go. The JSON logs say the same for
 * machines; this goes to stderr, apart from them.
 */
export function startupLine(config: Pick<Config, 'mode' | 'publicBaseUrl'>, listening: { host: string; port: number }): string {
  const base = config.publicBaseUrl;
  const where =
    config.mode === 'demo'
      ? `demo EHR ${base}/ · CDS service ${base}/cds-services · FHIR server ${base}/fhir`
      : `CDS service ${base}/cds-services`;
  return `rectal-cds is ready (${config.mode} mode, listening on ${listening.host}:${listening.port}): ${where}`;
}

/** What to do when the port is taken, instead of a stack trace. */
export function portInUseLine(listening: { host: string; port: number }): string {
  return `rectal-cds cannot start: ${listening.host}:${listening.port} is in use. Stop the other process, or choose another port: PORT=${listening.port + 1} npm start`;
}
