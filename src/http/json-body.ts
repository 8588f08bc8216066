import express, { type RequestHandler } from 'express';
import { CdsError } from '../errors.js';

/** Keys that can reach an object's prototype when a parsed body is merged or assigned somewhere. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** Far deeper than any CDS Hooks request or FHIR resource; bounds the recursion of everything downstream. */
export const MAX_JSON_DEPTH = 64;

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

/**
 * Find what makes a parsed JSON value unacceptable: a prototype-pollution key or nesting beyond `maxDepth`.
 * Iterative, so a hostile body cannot overflow the stack here. Returns the reason, or undefined.
 */
export function findUnsafeJson(value: unknown, maxDepth = MAX_JSON_DEPTH): string | undefined {
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
 * The JSON body parser of every hook and feedback route: size limit (413), strict JSON (objects and arrays
 * only), then a scan that refuses prototype-pollution keys and absurd nesting anywhere in the body (400).
 */
export function jsonBody(limit: string): RequestHandler[] {
  const parse = express.json({ limit, strict: true, type: ['application/json', 'application/*+json'] });
  const scan: RequestHandler = (req, _res, next) => {
    const reason = req.body === undefined ? undefined : findUnsafeJson(req.body);
    next(reason ? new CdsError('bad-request', `Unsafe request body: ${reason}`) : undefined);
  };
  return [parse, scan];
}
