import type { Rule } from '../../types.js';
import { antiEgfrRasMutant, antiEgfrRasUnknown, g12cWithAntiEgfr } from './anti-egfr.js';
import { bevacizumabAfterSurgery, dualBiologicsOrders } from './biologics.js';
import { combinationAtPoorPerformance } from './fitness.js';
import { checkpointWithoutMsiHigh } from './immunotherapy.js';
import { localTherapyBeforeSystemic } from './local-therapy.js';
import { longCourseBeforeSystemic, pelvicRtWithoutIndication } from './radiotherapy.js';
import { electivePrimaryResection, surgeryAfterBevacizumab } from './surgery.js';

/** The order-entry nudges of the decision table (order-select, order-sign): RC-30 to RC-38, RC-E5, RC-E7, RC-E10. */
export const orderRules: readonly Rule[] = [
  antiEgfrRasMutant,
  antiEgfrRasUnknown,
  electivePrimaryResection,
  longCourseBeforeSystemic,
  pelvicRtWithoutIndication,
  surgeryAfterBevacizumab,
  checkpointWithoutMsiHigh,
  combinationAtPoorPerformance,
  localTherapyBeforeSystemic,
  dualBiologicsOrders,
  g12cWithAntiEgfr,
  bevacizumabAfterSurgery,
];
