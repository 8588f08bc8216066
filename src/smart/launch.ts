/// <reference lib="dom" />
import FHIR from 'fhirclient';
import { assertSessionStorage } from './connect.js';
import { fetchJson } from './fetch-json.js';
import { parseSmartClientConfig } from './smart-config.js';

/**
 * `/smart/launch`: the EHR launch. The EHR opens this page with `iss` and `launch`; fhirclient discovers the
 * EHR's authorization endpoints from `iss` and redirects there with the configured client id and scopes;
 * the EHR sends the browser back to `/smart/app` with a code.
 * @see https://hl7.org/fhir/smart-app-launch/app-launch.html#launch-app-ehr-launch
 */
async function launch(): Promise<void> {
  const status = document.getElementById('status');
  const params = new URLSearchParams(window.location.search);
  if (!params.get('iss') || !params.get('launch')) {
    throw new Error('This page is opened by the EHR with "iss" and "launch" parameters (SMART EHR launch).');
  }
  assertSessionStorage();
  const config = parseSmartClientConfig(await fetchJson('config.json'));
  if (status) status.textContent = 'Connecting to the EHR…';
  await FHIR.oauth2.authorize({ clientId: config.clientId, scope: config.scope, redirectUri: 'app', completeInTarget: true });
}

launch().catch((err: unknown) => {
  const status = document.getElementById('status');
  if (status) {
    status.textContent = `The app could not be launched: ${err instanceof Error ? err.message : String(err)}`;
    status.setAttribute('role', 'alert');
    status.classList.add('error');
  }
});
