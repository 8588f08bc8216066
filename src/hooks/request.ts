import { z } from 'zod';
import { CdsError } from '../errors.js';
import type { CdsRequest, ServiceDefinition } from './cds-types.js';

/** FHIR logical id: what may be substituted into a query. @see https://hl7.org/fhir/R4/datatypes.html#id */
export const FHIR_ID = /^[A-Za-z0-9\-.]{1,64}$/;

const FhirAuthorizationSchema = z
  .object({
    access_token: z.string().min(1),
    token_type: z.literal('Bearer'),
    // Required by the spec, but some EHRs omit them; they are not needed to make the calls.
    expires_in: z.number().optional(),
    scope: z.string().optional(),
    subject: z.string().optional(),
    patient: z.string().optional(),
  })
  .loose();

const RequestSchema = z
  .object({
    hook: z.string().min(1),
    hookInstance: z.string().min(1),
    fhirServer: z.url({ protocol: /^https?$/ }).optional(),
    fhirAuthorization: FhirAuthorizationSchema.optional(),
    context: z.record(z.string(), z.unknown()),
    prefetch: z.record(z.string(), z.unknown()).optional(),
  })
  .loose();

const PatientContextSchema = z
  .object({
    // Some EHRs send a type-prefixed reference (`Patient/123`); the id is what the templates need.
    patientId: z
      .string()
      .transform((v) => v.replace(/^Patient\//, ''))
      .pipe(z.string().regex(FHIR_ID, 'must be a FHIR id')),
    userId: z.string().optional(),
    encounterId: z.string().optional(),
  })
  .loose();

function issues(error: z.ZodError, prefix = ''): string[] {
  return error.issues.map((i) => {
    const path = [prefix, ...i.path.map(String)].filter(Boolean).join('.');
    return `${path || '(body)'}: ${i.message}`;
  });
}

/** Validate a hook call against CDS Hooks 2.0 and the service it was sent to; throws a 400 `CdsError`. */
export function parseCdsRequest(body: unknown, service: ServiceDefinition): CdsRequest & { context: { patientId: string } } {
  if (body === undefined || body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new CdsError('bad-request', 'The request body must be a JSON object (Content-Type: application/json)');
  }
  const parsed = RequestSchema.safeParse(body);
  if (!parsed.success) throw new CdsError('bad-request', 'Invalid CDS Hooks request', issues(parsed.error));
  const req = parsed.data as CdsRequest;
  if (req.hook !== service.hook) {
    throw new CdsError('bad-request', `Service ${service.id} answers the ${service.hook} hook, not ${req.hook}`);
  }
  if (req.fhirAuthorization && !req.fhirServer) {
    throw new CdsError('bad-request', 'fhirAuthorization was sent without fhirServer');
  }
  const ctx = PatientContextSchema.safeParse(req.context);
  if (!ctx.success) throw new CdsError('bad-request', 'Invalid hook context', issues(ctx.error, 'context'));
  return { ...req, context: { ...req.context, patientId: ctx.data.patientId } };
}
