/// <reference lib="dom" />
import { allRules } from '../engine/rules/index.js';
import { explainEvaluation } from '../engine/explain.js';
import { composeCards } from '../engine/compose.js';
import { assessRecord } from '../hooks/assess-record.js';
import { connect } from './connect.js';
import { fetchJson } from './fetch-json.js';
import { loadRecord } from './load-record.js';
import { recordQueries } from './record-queries.js';
import { renderError, renderFailures, renderLoading, renderPage } from './render-page.js';
import { parseSmartClientConfig } from './smart-config.js';

/**
 * `/smart/app`: the case at a glance. Reads the patient's record with the same queries as the service's
 * prefetch templates, then runs the SAME mapping and engine code as the service (bundled for the browser),
 * so the page and the cards cannot disagree.
 */
async function main(): Promise<void> {
  renderLoading('Connecting…');
  const config = parseSmartClientConfig(await fetchJson('config.json'));
  const connection = await connect(config);
  if (!connection) return; // redirecting
  const { client, patientId } = connection;

  renderLoading('Reading the record…');
  const queries = recordQueries(await fetchJson('../cds-services'), patientId);
  const loaded = await loadRecord(client, queries);
  if (loaded.failures.length > 0) {
    renderFailures(loaded.failures);
    return;
  }
  if (!loaded.resources.some((r) => r.resourceType === 'Patient' && r.id === patientId)) {
    renderError(`Patient ${patientId} was not found on the FHIR server`);
    return;
  }

  const now = new Date();
  const { evaluation } = assessRecord(loaded.resources, { patientId, hook: 'patient-view', now, settings: config, rules: allRules });
  renderPage({
    facts: evaluation.facts,
    resources: loaded.resources,
    recs: evaluation.recommendations,
    cards: composeCards(evaluation.recommendations, config.cardLayout),
    explanations: explainEvaluation(allRules, evaluation),
    now,
    fhirServer: client.state.serverUrl,
    ...(connection.fromRule ? { fromRule: connection.fromRule } : {}),
  });
}

main().catch((err: unknown) => {
  renderError('The app could not load this patient', [err instanceof Error ? err.message : String(err)]);
});
