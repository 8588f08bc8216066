import type { Rule } from '../types.js';
import { mergeHookVariants } from '../hook-variants.js';
import { orderRules } from './orders/index.js';
import { mdtReferral } from './mdt-referral.js';
import { biologicByBiomarkers, startSystemicTherapy } from './first-line-systemic.js';
import { biomarkerTesting } from './biomarker-testing.js';
import { asymptomaticPrimaryFirst } from './primary-in-place.js';
import { clinicalTrials } from './clinical-trials.js';
import { preoperativeRadiotherapy, shortCourseAfterConversion } from './pelvic-radiotherapy.js';
import { bevacizumabBeforeSurgery, perioperativeDuration } from './perioperative-timing.js';
import { resumeSystemicTherapy } from './resume-systemic-therapy.js';
import { localRecurrenceRadiotherapy, localRecurrenceSurgery } from './local-recurrence.js';
import { hepaticArterialInfusion } from './hepatic-arterial-infusion.js';
import { leftSidedAntiEgfr } from './left-sided-anti-egfr.js';
import { dualBiologics } from './dual-biologics.js';
import { maintenanceTherapy } from './maintenance.js';
import { symptomaticPrimaryPalliation, urgentSurgicalAssessment } from './symptomatic-primary.js';
import { conversionReview, curativeResectionPathway } from './metastasis-resection.js';
import { liverLocalTherapy } from './liver-local-therapy.js';
import { restaging } from './restaging.js';
import { secondLine, thirdLine } from './later-lines.js';
import { checkpointAfterProgression, checkpointFirstLine } from './immunotherapy.js';
import { poorPerformanceStatus } from './poor-performance.js';
import { palliativeRadiotherapy } from './palliative-radiotherapy.js';
import { brafV600eTargeted } from './braf-v600e.js';
import { her2Directed } from './her2-amplified.js';

/** Decision-table order: RC-01..RC-38, then RC-E1..RC-E10 (the catalogue and tests list rules this way). */
function tableOrder(a: Rule, b: Rule): number {
  const key = (id: string) => (id.startsWith('RC-E') ? 1000 + Number(id.slice(4)) : Number(id.slice(3)));
  return key(a.id) - key(b.id);
}

/**
 * Every implemented rule of the decision table. Register a new rule by adding it to this list (one line
 * per rule; the order here does not matter).
 */
export const allRules: readonly Rule[] = mergeHookVariants([
  mdtReferral,
  startSystemicTherapy,
  biologicByBiomarkers,
  biomarkerTesting,
  asymptomaticPrimaryFirst,
  clinicalTrials,
  preoperativeRadiotherapy,
  shortCourseAfterConversion,
  perioperativeDuration,
  resumeSystemicTherapy,
  bevacizumabBeforeSurgery,
  localRecurrenceSurgery,
  localRecurrenceRadiotherapy,
  hepaticArterialInfusion,
  leftSidedAntiEgfr,
  dualBiologics,
  maintenanceTherapy,
  urgentSurgicalAssessment,
  symptomaticPrimaryPalliation,
  curativeResectionPathway,
  liverLocalTherapy,
  restaging,
  conversionReview,
  secondLine,
  thirdLine,
  checkpointAfterProgression,
  poorPerformanceStatus,
  palliativeRadiotherapy,
  brafV600eTargeted,
  checkpointFirstLine,
  her2Directed,
  // Order-entry nudges (order-select, order-sign); RC-E5's order variant merges with its patient-view one.
  ...orderRules,
]).sort(tableOrder);
