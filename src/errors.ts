/**
 * The one error type of the service. Everything that should reach a client as a 4xx/5xx is a `CdsError`;
 * the error middleware maps it to HTTP once, with an OperationOutcome-style JSON body.
 */
export type CdsErrorKind =
  | 'bad-request' // 400: malformed JSON or a request that breaks the CDS Hooks schema
  | 'unauthorized' // 401: no valid CDS client JWT (the reason says which check failed)
  | 'forbidden' // 403: authenticated, but this option is for operators only
  | 'not-found' // 404: unknown service id or route
  | 'payload-too-large' // 413
  | 'unsupported-media-type' // 415
  | 'precondition-failed' // 412: required FHIR data could not be obtained (CDS Hooks 2.0 §prefetch)
  | 'unavailable' // 503: temporarily unable to serve (shutting down, replay cache full); retry later
  | 'internal'; // 500: a bug; the message is never sent to the client

const statusByKind: Record<CdsErrorKind, number> = {
  'bad-request': 400,
  unauthorized: 401,
  forbidden: 403,
  'not-found': 404,
  'payload-too-large': 413,
  'unsupported-media-type': 415,
  'precondition-failed': 412,
  unavailable: 503,
  internal: 500,
};

/** FHIR issue-type codes (http://hl7.org/fhir/issue-type) for each kind. */
const issueCodeByKind: Record<CdsErrorKind, string> = {
  'bad-request': 'invalid',
  unauthorized: 'login',
  forbidden: 'forbidden',
  'not-found': 'not-found',
  'payload-too-large': 'too-costly',
  'unsupported-media-type': 'not-supported',
  'precondition-failed': 'incomplete',
  unavailable: 'transient',
  internal: 'exception',
};

export class CdsError extends Error {
  override readonly name = 'CdsError';
  constructor(
    readonly kind: CdsErrorKind,
    message: string,
    /** Extra human-readable lines, e.g. one per invalid field. */
    readonly details: string[] = [],
  ) {
    super(message);
  }

  get status(): number {
    return statusByKind[this.kind];
  }
}

export interface OperationOutcomeBody {
  resourceType: 'OperationOutcome';
  issue: { severity: 'error'; code: string; diagnostics: string }[];
}

export function toOperationOutcome(err: CdsError): OperationOutcomeBody {
  const messages = [err.message, ...err.details];
  return {
    resourceType: 'OperationOutcome',
    issue: messages.map((diagnostics) => ({ severity: 'error', code: issueCodeByKind[err.kind], diagnostics })),
  };
}
