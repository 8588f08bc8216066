import { z } from 'zod';
import { CdsError } from '../errors.js';
import type { CdsRequest, ServiceDefinition } from './cds-types.js';
import { FHIR_ID, FHIR_ID_PATTERN, RESOURCE_TYPE, TYPE_AND_ID } from '../domain/ids.js';


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

// ---- order-select / order-sign context --------------------------------------------------------------

const DraftOrdersSchema = z
  .object({
    resourceType: z.literal('Bundle', 'must be a FHIR Bundle'),
    entry: z
      .array(
        z
          .object({
            // Both end up in `Type/id` references (selections, delete actions): checked as a FHIR URL segment is.
            resource: z.object({ resourceType: z.string().regex(RESOURCE_TYPE, 'must be a FHIR resource type'), id: z.string().regex(FHIR_ID, 'must be a FHIR id').optional() }).loose(),
          })
          .loose(),
      )
      .optional(),
  })
  .loose();

const OrderContextSchema = z
  .object({
    draftOrders: DraftOrdersSchema,
    selections: z.array(z.string().regex(TYPE_AND_ID, 'must be a Type/id reference such as MedicationRequest/123')).optional(),
  })
  .loose();

/** The order hooks' own context fields, validated. */
export interface OrderHookContext {
  draftOrders: Record<string, unknown>;
  /** order-select only: the orders just selected (`Type/id`), every one present in `draftOrders`. */
  selections?: string[];
}

const PATIENT_AT_END = new RegExp(`(?:^|/)Patient/(${FHIR_ID_PATTERN})$`);

/** The patient a draft names (`subject`, or `patient` for NutritionOrder), when it names one. */
function draftPatient(resource: Record<string, unknown>): string | undefined {
  const ref = (resource['subject'] ?? resource['patient']) as { reference?: unknown } | undefined;
  return typeof ref?.reference === 'string' ? PATIENT_AT_END.exec(ref.reference)?.[1] : undefined;
}

/**
 * Validate `context.draftOrders` (a Bundle of orders for the context patient) and, for order-select,
 * `context.selections` (required, each a `Type/id` present in draftOrders); throws a 400 `CdsError`.
 * @see https://cds-hooks.org/hooks/order-select/
 * @see https://cds-hooks.org/hooks/order-sign/
 */
export function parseOrderContext(context: Record<string, unknown>, hook: 'order-select' | 'order-sign', patientId: string): OrderHookContext {
  const parsed = OrderContextSchema.safeParse(context);
  if (!parsed.success) throw new CdsError('bad-request', 'Invalid hook context', issues(parsed.error, 'context'));
  const entries = (parsed.data.draftOrders.entry ?? []).map((e) => e.resource as Record<string, unknown> & { resourceType: string; id?: string });
  const wrongPatient = entries.filter((r) => {
    const named = draftPatient(r);
    return named !== undefined && named !== patientId;
  });
  if (wrongPatient.length > 0) {
    // Judging another patient's orders against this chart would produce wrong cards.
    throw new CdsError('bad-request', 'context.draftOrders holds orders for another patient than context.patientId', wrongPatient.map((r) => `${r.resourceType}/${r.id ?? '(no id)'}`));
  }
  const draftOrders = parsed.data.draftOrders as Record<string, unknown>;
  if (hook === 'order-sign') return { draftOrders };
  const selections = parsed.data.selections;
  if (!selections) throw new CdsError('bad-request', 'Invalid hook context', ['context.selections: required for order-select (the orders just selected)']);
  const ids = new Set(entries.filter((r) => r.id !== undefined).map((r) => `${r.resourceType}/${r.id}`));
  const missing = selections.filter((s) => !ids.has(s));
  if (missing.length > 0) throw new CdsError('bad-request', 'Invalid hook context', missing.map((s) => `context.selections: ${s} is not in context.draftOrders`));
  return { draftOrders, selections };
}
