import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

/** The import graph of `src/`, read from the source text (static imports, re-exports and dynamic imports). */
export interface ImportEdge {
  from: string;
  to: string;
  dynamic: boolean;
}

const ROOT = resolve(dirname(new URL(import.meta.url).pathname), '../..');
const STATIC = /^\s*(?:import|export)\s+(?:type\s+)?(?:[^'";]*?\s+from\s+)?['"]([^'"]+)['"]/gm;
const DYNAMIC = /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(p);
    return e.name.endsWith('.ts') ? [p] : [];
  });
}

/** Repository-relative path of the module a specifier names, or the bare package name. */
function target(fromFile: string, spec: string): string {
  if (!spec.startsWith('.')) return spec.startsWith('node:') ? spec : spec.split('/').slice(0, spec.startsWith('@') ? 2 : 1).join('/');
  return relative(ROOT, resolve(dirname(fromFile), spec.replace(/\.js$/, '.ts')));
}

export function importGraph(): ImportEdge[] {
  const edges: ImportEdge[] = [];
  for (const file of sourceFiles(join(ROOT, 'src'))) {
    const text = readFileSync(file, 'utf8');
    const from = relative(ROOT, file);
    for (const m of text.matchAll(STATIC)) edges.push({ from, to: target(file, m[1] as string), dynamic: false });
    for (const m of text.matchAll(DYNAMIC)) edges.push({ from, to: target(file, m[1] as string), dynamic: true });
  }
  return edges;
}

/** Every import circle among the modules (each reported once, as the path that closes it). */
export function importCircles(edges: readonly ImportEdge[]): string[][] {
  const next = new Map<string, string[]>();
  for (const e of edges) if (e.to.startsWith('src/')) next.set(e.from, [...(next.get(e.from) ?? []), e.to]);
  const state = new Map<string, 'open' | 'done'>();
  const circles: string[][] = [];
  const stack: string[] = [];
  const visit = (node: string) => {
    state.set(node, 'open');
    stack.push(node);
    for (const to of next.get(node) ?? []) {
      if (state.get(to) === 'open') circles.push([...stack.slice(stack.indexOf(to)), to]);
      else if (!state.has(to)) visit(to);
    }
    stack.pop();
    state.set(node, 'done');
  };
  for (const node of next.keys()) if (!state.has(node)) visit(node);
  return circles;
}

/** Modules reachable from `entry` through static imports only (what a start loads before any dynamic import). */
export function staticallyReachable(edges: readonly ImportEdge[], entry: string): Set<string> {
  const seen = new Set<string>([entry]);
  const queue = [entry];
  while (queue.length > 0) {
    const node = queue.pop() as string;
    for (const e of edges) {
      if (e.from === node && !e.dynamic && e.to.startsWith('src/') && !seen.has(e.to)) {
        seen.add(e.to);
        queue.push(e.to);
      }
    }
  }
  return seen;
}
