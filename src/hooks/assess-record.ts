import type { Resource } from 'fhir/r4.js';
import type { ClinicalConfig } from '../config/types.js';
import type { Case } from '../domain/case.js';
import type { DraftOrder } from '../domain/draft-order.js';
import { type Evaluation, evaluateCase } from '../engine/evaluate.js';
import type { AnyRule } from '../engine/rule.js';
import type { HookName } from '../engine/types.js';
import { mapCase } from '../fhir-mapping/map-case.js';
import { evaluationContext } from './evaluation-context.js';

export interface AssessOptions {
  patientId: string;
  hook: HookName;
  now: Date;
  settings: ClinicalConfig;
  rules: readonly AnyRule[];
  /** Order hooks: the drafts being written. */
  drafts?: readonly DraftOrder[];
}

export interface Assessment {
  case: Case;
  evaluation: Evaluation;
}

/**
 * A patient's record (already read) to the case and the rules' verdict. The hooks and the SMART app both run
 * this one step, so the app shows exactly what the cards say. Pure: no I/O, `now` passed in.
 */
export function assessRecord(resources: readonly Resource[], o: AssessOptions): Assessment {
  const c = mapCase(resources, { patientId: o.patientId, now: o.now, rectosigmoidInScope: o.settings.rectosigmoidInScope });
  return { case: c, evaluation: evaluateCase(o.rules, c, evaluationContext(o.settings, o.hook, o.now, o.drafts)) };
}
