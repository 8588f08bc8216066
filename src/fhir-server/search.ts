import { getSearchParameter, isResourceType } from '@medplum/core';
import type { Bundle, BundleLink } from 'fhir/r4.js';

/** A search the embedded server cannot answer correctly (the HTTP layer turns this into a 400). */
export class InvalidSearchError extends Error {}

/** Demo records are small: return everything in one page unless the client asks otherwise. */
export const DEFAULT_PAGE_SIZE = 1000;

/** Result parameters passed to Medplum as they are (it applies or harmlessly ignores them). */
const PASSTHROUGH_PARAMS = new Set(['_', '_summary', '_elements', '_total', '_format', '_pretty']);
/**
 * Types MemoryRepository can match. It silently matches nothing for number, quantity, composite and
 * special params; an empty result would look like "no data", so those are refused instead.
 */
const MATCHABLE_TYPES = new Set(['reference', 'string', 'token', 'date', 'uri']);
/** Multi-target reference params whose bare ids we read as Patient ids (CDS Hooks passes bare ids). */
const PATIENT_REFERENCE_PARAMS = new Set(['patient', 'subject', 'beneficiary']);

export interface PreparedSearch {
  /** Query for Medplum, with explicit `_count` and `_offset`. */
  params: URLSearchParams;
  count: number;
  offset: number;
}

/** Validates the incoming query and rewrites it into something MemoryRepository matches correctly. */
export function prepareSearch(resourceType: string, incoming: URLSearchParams): PreparedSearch {
  const params = new URLSearchParams();
  let count = DEFAULT_PAGE_SIZE;
  let offset = 0;
  let summaryCount = false;
  for (const [key, value] of incoming) {
    const colon = key.indexOf(':');
    const code = colon < 0 ? key : key.slice(0, colon);
    const modifier = colon < 0 ? '' : key.slice(colon + 1);
    if (code === '_count') {
      count = parseNonNegativeInt(code, value);
    } else if (code === '_offset') {
      offset = parseNonNegativeInt(code, value);
    } else if (code === '_sort') {
      checkSortParams(resourceType, value);
      params.append(key, value);
    } else if (PASSTHROUGH_PARAMS.has(code)) {
      summaryCount ||= code === '_summary' && value === 'count';
      params.append(key, value);
    } else {
      params.append(...normaliseFilter(resourceType, key, code, modifier, value));
    }
  }
  // Medplum reads `_summary=count` as `_count=0`; keep it that way whatever _count says.
  if (summaryCount) count = 0;
  params.set('_count', String(count));
  params.set('_offset', String(offset));
  return { params, count, offset };
}

function normaliseFilter(
  resourceType: string,
  key: string,
  code: string,
  modifier: string,
  value: string,
): [string, string] {
  if (code === '_has' || key.includes('.')) {
    throw new InvalidSearchError(`Chained and _has searches are not supported ('${key}')`);
  }
  const param = getSearchParameter(resourceType, code);
  if (!param) {
    throw new InvalidSearchError(`Unknown search parameter '${code}' for resource type ${resourceType}`);
  }
  if (!MATCHABLE_TYPES.has(param.type)) {
    throw new InvalidSearchError(`Search parameter '${code}' (type ${param.type}) is not supported by this server`);
  }
  if (modifier === 'missing' || modifier === 'not' || (modifier === 'contains' && param.type === 'string')) {
    return [key, value];
  }
  if (param.type === 'reference' && (modifier === '' || isResourceType(modifier))) {
    // Medplum only matches `Type/id`, so qualify bare ids with the one type they can mean.
    const targetType =
      modifier ||
      (param.target?.length === 1 ? param.target[0] : undefined) ||
      (PATIENT_REFERENCE_PARAMS.has(code) ? 'Patient' : undefined);
    return [code, targetType ? qualifyBareIds(value, targetType) : value];
  }
  if (modifier === '') {
    return [key, value];
  }
  throw new InvalidSearchError(`Modifier ':${modifier}' is not supported for search parameter '${code}'`);
}

function qualifyBareIds(value: string, resourceType: string): string {
  return value
    .split(',')
    .map((v) => (v && !v.includes('/') ? `${resourceType}/${v}` : v))
    .join(',');
}

function checkSortParams(resourceType: string, value: string): void {
  for (const field of value.split(',')) {
    const code = field.startsWith('-') ? field.slice(1) : field;
    if (!getSearchParameter(resourceType, code)) {
      throw new InvalidSearchError(`Unknown _sort parameter '${code}' for resource type ${resourceType}`);
    }
  }
}

function parseNonNegativeInt(name: string, value: string): number {
  if (!/^\d+$/.test(value)) {
    throw new InvalidSearchError(`${name} must be a non-negative integer, got '${value}'`);
  }
  return Number(value);
}

/**
 * Turns MemoryRepository's bare result into a proper searchset: absolute fullUrls, search.mode, and
 * self/next/previous links (absolute, so clients can follow them without knowing the base).
 */
export function toSearchsetBundle(
  result: Bundle,
  baseUrl: string,
  resourceType: string,
  incomingQuery: string,
  search: PreparedSearch,
): Bundle {
  const { params, count, offset } = search;
  const total = result.total ?? 0;
  const typeUrl = `${baseUrl}/${resourceType}`;
  const pageUrl = (pageOffset: number): string => {
    const pageParams = new URLSearchParams(params);
    pageParams.set('_offset', String(pageOffset));
    return `${typeUrl}?${pageParams.toString()}`;
  };
  const link: BundleLink[] = [{ relation: 'self', url: incomingQuery ? `${typeUrl}?${incomingQuery}` : typeUrl }];
  if (count > 0 && offset + count < total) {
    link.push({ relation: 'next', url: pageUrl(offset + count) });
  }
  if (count > 0 && offset > 0) {
    link.push({ relation: 'previous', url: pageUrl(Math.max(0, offset - count)) });
  }
  const entry = (result.entry ?? []).map(({ resource }) => ({
    fullUrl: resource ? `${baseUrl}/${resource.resourceType}/${resource.id}` : undefined,
    resource,
    search: { mode: 'match' as const },
  }));
  // FHIR JSON forbids empty arrays, so an empty page has no `entry` at all.
  return {
    resourceType: 'Bundle',
    type: 'searchset',
    meta: { lastUpdated: new Date().toISOString() },
    total,
    link,
    ...(entry.length > 0 ? { entry } : {}),
  };
}
