/**
 * Identifier shapes shared by the edge (request validation, FHIR URLs) and the browser pages.
 * @see https://hl7.org/fhir/R4/datatypes.html#id
 */

/**
 * The characters and length of a FHIR logical id, as a pattern fragment (no anchors). An id made only of dots
 * (`.`, `..`) is refused: a URL resolver takes it for a directory step (`Patient/..` is the server root).
 */
export const FHIR_ID_PATTERN = '(?!\\.+(?![A-Za-z0-9\\-.]))[A-Za-z0-9\\-.]{1,64}';

/** A FHIR logical id: what may be substituted into a query or a URL path. */
export const FHIR_ID = new RegExp(`^${FHIR_ID_PATTERN}$`);

/** A FHIR resource type name, as a pattern fragment. */
const RESOURCE_TYPE_PATTERN = '[A-Z][A-Za-z]+';

/** A FHIR resource type name (`MedicationRequest`). */
export const RESOURCE_TYPE = new RegExp(`^${RESOURCE_TYPE_PATTERN}$`);

/** `Type/id`, as CDS Hooks `context.selections` and `delete` actions name a resource. */
export const TYPE_AND_ID = new RegExp(`^${RESOURCE_TYPE_PATTERN}/${FHIR_ID_PATTERN}$`);

/** A rule id of the decision table: `RC-01`, `RC-E11`. */
export const RULE_ID = /^RC-(E?\d{1,2})$/;

/** A URL path segment made only of dots, also percent-encoded (`..`, `%2e%2E`): a resolver may treat it as a directory step. */
export function isDotSegment(segment: string): boolean {
  return /^(?:\.|%2e)+$/i.test(segment);
}
