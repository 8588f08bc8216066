import { orderHook } from './order-hook.js';

/**
 * `order-select`: the clinician has just selected orders (`context.selections`); only those are judged, the
 * other drafts of the session are context (e.g. a drafted bevacizumab beside a selected cetuximab).
 * @see https://cds-hooks.org/hooks/order-select/
 */
export const orderSelect = orderHook('order-select');
