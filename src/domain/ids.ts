/**
 * Identifier shapes shared by the edge (request validation, FHIR URLs) and the browser pages.
 * @see https://hl7.org/fhir/R4/datatypes.html#id
 */

/** The characters and length of a FHIR logical id, as a pattern fragment (no anchors). */
export const FHIR_ID_PATTERN = '[A-Za-z0-9\\-.]{1,64}';

/** A FHIR logical id: what may be substituted into a query or a URL path. */
export const FHIR_ID = new RegExp(`^${FHIR_ID_PATTERN}$`);

/** `Type/id`, as CDS Hooks `context.selections` and `delete` actions name a resource. */
export const TYPE_AND_ID = new RegExp(`^[A-Z][A-Za-z]+/${FHIR_ID_PATTERN}$`);

/** A rule id of the decision table: `RC-01`, `RC-E11`. */
export const RULE_ID = /^RC-(E?\d{1,2})$/;
