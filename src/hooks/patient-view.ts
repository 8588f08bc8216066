import { CdsError } from '../errors.js';
import { evaluate } from '../engine/evaluate.js';
import { mapCase } from '../fhir-mapping/map-case.js';
import { toCard, withSmartLink } from './cards.js';
import { gatherData } from './gather-data.js';
import type { HookHandler } from './hook-deps.js';
import { parseCdsRequest } from './request.js';

/**
 * `patient-view`: read the chart (prefetch first, else the EHR's FHIR server), map it to a case, evaluate the
 * chart-review rules and return their cards.
 * @see https://cds-hooks.org/hooks/patient-view/
 */
export const patientView: HookHandler = async (body, service, deps) => {
  const req = parseCdsRequest(body, service);
  const patientId = req.context.patientId;
  const prefetchedPatient = req.prefetch?.['patient'] as { resourceType?: unknown; id?: unknown } | null | undefined;
  // (An id-less Patient, as in the spec's own prefetch example, is taken as the context patient.)
  if (prefetchedPatient?.resourceType === 'Patient' && prefetchedPatient.id !== undefined && prefetchedPatient.id !== patientId) {
    // Cards for the wrong patient are worse than none.
    throw new CdsError('bad-request', 'prefetch.patient is not the patient named in context.patientId');
  }
  const data = await gatherData(service, req, {
    readerFor: deps.readerFor,
    timeoutMs: deps.config.fhirTimeoutMs,
    maxPages: deps.config.fhirMaxPages,
  });
  if (!data.resources.some((r) => r.resourceType === 'Patient')) {
    throw new CdsError('precondition-failed', `Patient ${patientId} was not found`);
  }
  const now = deps.now();
  const c = mapCase(data.resources, { patientId, now, rectosigmoidInScope: deps.config.rectosigmoidInScope });
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
