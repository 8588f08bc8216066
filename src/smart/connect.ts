/// <reference lib="dom" />
import FHIR from 'fhirclient';
import type { SmartClientConfig } from './smart-config.js';

export type SmartClient = Awaited<ReturnType<typeof FHIR.oauth2.ready>>;

export interface Connection {
  client: SmartClient;
  patientId: string;
  /** The rule of the CDS card the app was launched from (`appContext` `{"ruleId": ...}`), when there was one. */
  fromRule?: string;
}

function ruleFromAppContext(appContext: unknown): string | undefined {
  if (typeof appContext !== 'string') return undefined;
  try {
    const ruleId = (JSON.parse(appContext) as { ruleId?: unknown } | null)?.ruleId;
    return typeof ruleId === 'string' && /^RC-E?\d{1,2}$/.test(ruleId) ? ruleId : undefined;
  } catch {
    return undefined;
  }
}

/**
 * fhirclient keeps the launch state in sessionStorage. A browser that blocks third-party storage refuses it to
 * an app framed by a page of another site (the EHR at `127.0.0.1`, the app at `localhost`) and throws a bare
 * "Access is denied"; say what to do instead.
 */
export function assertSessionStorage(): void {
  try {
    const key = 'rectal-cds-storage-check';
    window.sessionStorage.setItem(key, '1');
    window.sessionStorage.removeItem(key);
  } catch {
    throw new Error(
      `This browser gives the app no storage here (an EHR page on another site framing ${window.location.origin}). ` +
        'Open the EHR at the same address as the app, or open the app in its own tab.',
    );
  }
}

/**
 * Get a FHIR client for this page load, or undefined when the page is about to redirect.
 * - open-server launch (`?fhirServiceUrl=...&patientId=...`, demo and tests): fhirclient records the server and
 *   patient and reloads the page with `?state=...`;
 * - otherwise the page is the redirect target of an EHR launch (`?code=...&state=...`) or a reload of one.
 */
export async function connect(config: SmartClientConfig): Promise<Connection | undefined> {
  assertSessionStorage();
  const params = new URLSearchParams(window.location.search);
  if (params.has('fhirServiceUrl')) {
    if (!config.openServerLaunch) throw new Error('This deployment opens the app only from the EHR (SMART EHR launch).');
    if (!params.get('patientId')) throw new Error('An open-server launch needs both fhirServiceUrl and patientId.');
    await FHIR.oauth2.authorize({ clientId: config.clientId, scope: config.scope, redirectUri: 'app', completeInTarget: true });
    return undefined;
  }
  if (!params.has('state') && !params.has('code')) {
    throw new Error(
      'Open this app from the EHR (SMART launch), or for an open FHIR server with ?fhirServiceUrl=<FHIR base>&patientId=<id>.',
    );
  }
  const client = await FHIR.oauth2.ready();
  const patientId = client.getPatientId();
  if (!patientId) throw new Error('The EHR launch gave no patient context.');
  const fromRule = ruleFromAppContext((client.state.tokenResponse as { appContext?: unknown } | undefined)?.appContext);
  return { client, patientId, ...(fromRule ? { fromRule } : {}) };
}
