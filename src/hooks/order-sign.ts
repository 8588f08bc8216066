import { orderHook } from './order-hook.js';

/**
 * `order-sign`: the clinician is about to sign the draft orders; every draft is judged, with the full order
 * details (planned dates, priority, doses), including the sign-only rules RC-32, RC-35 and RC-37.
 * @see https://cds-hooks.org/hooks/order-sign/
 */
export const orderSign = orderHook('order-sign');
