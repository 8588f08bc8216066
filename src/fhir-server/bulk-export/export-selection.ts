import type { Group, OperationOutcome, Resource } from 'fhir/r4.js';
import { patientIdsIn } from '../compartments.js';
import type { ExportRequest } from './export-request.js';

/** What one export holds: the resources of each type, and the problems worth an `error` file. */
export interface ExportSelection {
  byType: Map<string, Resource[]>;
  problems: OperationOutcome[];
}

const PATIENT_REFERENCE = /^Patient\/([^/?#]+)$/;

function problem(code: 'not-found' | 'not-supported', diagnostics: string): OperationOutcome {
  return { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code, diagnostics }] };
}

/**
 * The patients an export covers: every stored Patient, or the members of a Group. A member that is not a
 * stored Patient is left out and reported (an `error` file), never silently dropped.
 */
function patientsInScope(stored: ReadonlyMap<string, Resource>, group: Group | undefined): { ids: Set<string>; problems: OperationOutcome[] } {
  const ids = new Set<string>();
  const problems: OperationOutcome[] = [];
  if (!group) {
    for (const resource of stored.values()) if (resource.resourceType === 'Patient' && resource.id) ids.add(resource.id);
    return { ids, problems };
  }
  for (const member of group.member ?? []) {
    if (member.inactive) continue;
    const reference = member.entity.reference ?? '';
    const id = PATIENT_REFERENCE.exec(reference)?.[1];
    if (id === undefined) problems.push(problem('not-supported', `Group/${group.id} member ${reference || '(no reference)'} is not a Patient reference; left out`));
    else if (!stored.has(`Patient/${id}`)) problems.push(problem('not-found', `Group/${group.id} member Patient/${id} does not exist; left out`));
    else ids.add(id);
  }
  return { ids, problems };
}

/**
 * Pick the resources of an export from everything stored: the in-scope Patients and every resource that
 * refers to one of them (the embedded server's patient compartments, see compartments.ts), of the asked
 * types, updated after `_since`. Groups are the selection, not its content, and are left out.
 */
export function selectForExport(stored: ReadonlyMap<string, Resource>, request: ExportRequest, group: Group | undefined): ExportSelection {
  const { ids, problems } = patientsInScope(stored, group);
  const types = request.types ? new Set(request.types) : undefined;
  const sinceMs = request.since?.getTime();
  const byType = new Map<string, Resource[]>();
  for (const resource of stored.values()) {
    if (resource.resourceType === 'Group') continue;
    if (types && !types.has(resource.resourceType)) continue;
    if (sinceMs !== undefined && !(Date.parse(resource.meta?.lastUpdated ?? '') > sinceMs)) continue;
    const inScope = resource.resourceType === 'Patient' ? ids.has(resource.id ?? '') : [...patientIdsIn(resource)].some((id) => ids.has(id));
    if (!inScope) continue;
    let list = byType.get(resource.resourceType);
    if (!list) byType.set(resource.resourceType, (list = []));
    list.push(resource);
  }
  return { byType, problems };
}
