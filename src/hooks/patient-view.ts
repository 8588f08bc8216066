import { evaluate } from '../engine/evaluate.js';
import { toCard, withSmartLink } from './cards.js';
import type { HookHandler } from './hook-deps.js';
import { assertPrefetchIsForPatient, readPatientCase } from './read-case.js';
import { parseCdsRequest } from './request.js';

/**
 * `patient-view`: read the chart (prefetch first, else the EHR's FHIR server), map it to a case, evaluate the
 * chart-review rules and return their cards.
 * @see https://cds-hooks.org/hooks/patient-view/
 */
export const patientView: HookHandler = async (body, service, deps) => {
  const req = parseCdsRequest(body, service);
  const patientId = req.context.patientId;
  assertPrefetchIsForPatient(req, patientId);
  const { case: c, now, data } = await readPatientCase(service, req, patientId, deps);
  const recs = evaluate(deps.rules, c, {
    hook: 'patient-view',
    ruleSet: deps.config.ruleSet,
    disabledRules: new Set(deps.config.disabledRules),
    now,
  });
  const cards = withSmartLink(
    recs.map((r) => toCard(r, { newId: deps.newId, publicBaseUrl: deps.config.publicBaseUrl, patientId })),
    deps.config.smartLaunchUrl,
  );
  return {
    response: { cards },
    telemetry: { origins: data.origins, fhirCalls: data.fhirCalls, ruleIds: recs.map((r) => r.ruleId) },
  };
};
