/** Keys that can reach an object's prototype when a parsed body is merged or assigned somewhere. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** Far deeper than any CDS Hooks request or FHIR resource; bounds the recursion of everything downstream. */
export const MAX_JSON_DEPTH = 64;

const isForbidden = (key: string): boolean => key === '__proto__' || key === 'constructor' || key === 'prototype';

/**
 * The check every request body passes: a plain recursive walk that allocates nothing per value (no work list,
 * no key arrays, no paths). Recursion is safe: it stops at `maxDepth`, far below any stack limit.
 */
function safe(v: unknown, depth: number, maxDepth: number): boolean {
  if (typeof v !== 'object' || v === null) return true;
  if (depth >= maxDepth) return false;
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) if (!safe(v[i], depth + 1, maxDepth)) return false;
    return true;
  }
  // A parsed JSON object has own properties only, "__proto__" among them when the text had that key.
  for (const key in v) {
    if (isForbidden(key) || !safe((v as Record<string, unknown>)[key], depth + 1, maxDepth)) return false;
  }
  return true;
}

interface Node {
  value: unknown;
  depth: number;
  parent: Node | undefined;
  key: string;
}

function pathOf(node: Node): string {
  const parts: string[] = [];
  for (let n: Node | undefined = node; n?.parent; n = n.parent) parts.push(n.key);
  return parts.reverse().join('.').replace(/\.\[/g, '[') || '(body)';
}

/** Where a body the walk refused goes wrong, for the 400's message: only ever run on a refused body. */
function explain(value: unknown, maxDepth: number): string | undefined {
  const stack: Node[] = [{ value, depth: 0, parent: undefined, key: '' }];
  while (stack.length > 0) {
    const node = stack.pop()!;
    const v = node.value;
    if (typeof v !== 'object' || v === null) continue;
    if (node.depth >= maxDepth) return `the JSON is nested more than ${maxDepth} levels deep (at ${pathOf(node)})`;
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) stack.push({ value: v[i], depth: node.depth + 1, parent: node, key: `[${i}]` });
      continue;
    }
    for (const key of Object.keys(v)) {
      const child: Node = { value: (v as Record<string, unknown>)[key], depth: node.depth + 1, parent: node, key };
      if (FORBIDDEN_KEYS.has(key)) return `the key "${key}" is not accepted (at ${pathOf(child)})`;
      stack.push(child);
    }
  }
  return undefined;
}

/**
 * Find what makes a parsed JSON value unacceptable: a prototype-pollution key or nesting beyond `maxDepth`.
 * Returns the reason (with where), or undefined for an acceptable value.
 */
export function findUnsafeJson(value: unknown, maxDepth = MAX_JSON_DEPTH): string | undefined {
  return safe(value, 0, maxDepth) ? undefined : (explain(value, maxDepth) ?? 'the JSON is not acceptable');
}
