const PATIENT_REF = /(?:^|\/)Patient\/([^/]+)$/;

function patientIdOf(reference: unknown): string | undefined {
  const ref = (reference as { reference?: unknown } | null | undefined)?.reference;
  return typeof ref === 'string' ? PATIENT_REF.exec(ref)?.[1] : undefined;
}

/**
 * The patient a resource belongs to: a Patient's own id, else its `subject` or `patient` reference, read as
 * the hooks read it (src/hooks/read-case.ts). Undefined: outside any patient's record.
 */
export function ownerOf(r: { resourceType?: unknown; id?: unknown; subject?: unknown; patient?: unknown }): string | undefined {
  if (r.resourceType === 'Patient') return typeof r.id === 'string' ? r.id : undefined;
  return patientIdOf(r.subject) ?? patientIdOf(r.patient);
}
