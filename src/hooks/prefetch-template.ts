import { CdsError } from '../errors.js';
import { FHIR_ID } from './request.js';

const TOKEN = /\{\{\s*([A-Za-z.]+)\s*\}\}/g;

/**
 * Fill a prefetch template from the hook context. Only values that are valid FHIR ids are substituted, so a
 * context value can never change the shape of the query.
 * @see https://cds-hooks.hl7.org/2.0/#prefetch-template
 */
export function fillTemplate(template: string, context: Record<string, unknown>): string {
  return template.replace(TOKEN, (_m, path: string) => {
    const value = path.startsWith('context.') ? context[path.slice('context.'.length)] : undefined;
    if (typeof value !== 'string' || !FHIR_ID.test(value)) {
      throw new CdsError('bad-request', `Prefetch token {{${path}}} has no valid value in the hook context`);
    }
    return encodeURIComponent(value);
  });
}
