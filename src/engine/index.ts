export { evaluate, activeRules, inScope } from './evaluate.js';
export { allRules } from './rules/index.js';
export { validateRules } from './validate-rules.js';
export type * from './types.js';
