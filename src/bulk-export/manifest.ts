import { z } from 'zod';

/** A resource type as a file name may carry it: letters only, so no path can be smuggled in. */
const RESOURCE_TYPE = /^[A-Z][A-Za-z]{1,63}$/;

const FileEntry = z
  .object({
    type: z.string().regex(RESOURCE_TYPE, 'a resource type'),
    url: z.string().min(1),
    count: z.number().int().min(0).optional(),
  })
  .loose();

/**
 * The complete-status body of a Bulk Data export (the fields this client relies on; others are kept).
 * @see https://hl7.org/fhir/uv/bulkdata/export.html#response---complete-status
 */
export const ManifestSchema = z
  .object({
    transactionTime: z.string().min(1),
    request: z.string().min(1),
    requiresAccessToken: z.boolean(),
    output: z.array(FileEntry),
    error: z.array(FileEntry).default([]),
  })
  .loose();

export type Manifest = z.infer<typeof ManifestSchema>;
export type ManifestFile = z.infer<typeof FileEntry>;

/** Why a body is not a manifest, in one line. */
export function parseManifest(value: unknown): Manifest | string {
  const parsed = ManifestSchema.safeParse(value);
  if (parsed.success) return parsed.data;
  return parsed.error.issues
    .slice(0, 3)
    .map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`)
    .join('; ');
}
