import { globalSchema, isResourceType } from '@medplum/core';

/**
 * Shared search parameters such as `patient` or `code` carry one FHIRPath union over every resource type
 * they apply to (`AllergyIntolerance.patient | CarePlan.subject.where(...) | ...`, 1,400 characters for
 * `patient`). MemoryRepository parses and evaluates that whole union for every resource it tests, although
 * on an Observation only the `Observation.` members can yield anything. This gives each resource type its
 * own copy of such parameters holding only its own members, the narrowing Medplum's database server does
 * with `getExpressionForResourceType`; the matches are the same, the work per resource is a fraction.
 *
 * It edits Medplum's process-global schema, so it runs once, right after the definitions are indexed.
 */
export function narrowSearchExpressions(): void {
  for (const [resourceType, typeSchema] of Object.entries(globalSchema.types)) {
    const searchParams = typeSchema.searchParams;
    if (!searchParams || !isResourceType(resourceType)) continue;
    for (const [code, param] of Object.entries(searchParams)) {
      const narrowed = param.expression ? narrowExpression(resourceType, param.expression) : undefined;
      // A copy: the same SearchParameter object is shared by every type in its `base`.
      if (narrowed !== undefined) searchParams[code] = { ...param, expression: narrowed };
    }
  }
}

/**
 * The members of a top-level union that apply to `resourceType`, or undefined to keep the expression as it
 * is: when it is not a union, when a member does not start with a concrete resource type (`Resource.meta`,
 * `%resource`, a function), or when no member is this type's.
 */
export function narrowExpression(resourceType: string, expression: string): string | undefined {
  const members = splitTopLevelUnion(expression);
  if (members.length < 2) return undefined;
  const own: string[] = [];
  for (const member of members) {
    const leadingType = /^\(*([A-Za-z]+)\./.exec(member)?.[1];
    if (!leadingType || !isResourceType(leadingType)) return undefined;
    if (leadingType === resourceType) own.push(member);
  }
  return own.length > 0 && own.length < members.length ? own.join(' | ') : undefined;
}

/** Splits `a | (b | c) | d` into ['a', '(b | c)', 'd']: only bars outside brackets and string literals. */
export function splitTopLevelUnion(expression: string): string[] {
  const members: string[] = [];
  let depth = 0;
  let quoted = false;
  let start = 0;
  for (let i = 0; i < expression.length; i++) {
    const ch = expression[i];
    if (quoted) {
      if (ch === '\\') i++;
      else if (ch === "'") quoted = false;
    } else if (ch === "'") quoted = true;
    else if (ch === '(' || ch === '[') depth++;
    else if (ch === ')' || ch === ']') depth--;
    else if (ch === '|' && depth === 0) {
      members.push(expression.slice(start, i).trim());
      start = i + 1;
    }
  }
  members.push(expression.slice(start).trim());
  return members;
}
