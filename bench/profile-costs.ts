/**
 * A V8 CPU profile of the bench server turned into the README's cost table: microseconds per request for each
 * part of a hook call. Each sample goes to the innermost frame of its stack that belongs to a named part
 * (walking from the leaf up), so time spent in Node internals or a package counts for the code that called it.
 * Code bundled into server.mjs is placed by esbuild's `// src/...` module comments.
 */

export interface CpuProfile {
  nodes: Array<{ id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }>;
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

/** The parts of the cost table, in the README's order. */
export const PARTS = [
  'body read + JSON.parse',
  'unsafe-JSON scan',
  'request validation',
  'prefetch handling',
  'mapping (FHIR -> Case)',
  'fact base',
  'rules',
  'cards',
  'serialisation + response write',
  'ETag',
  'logging',
  'metrics',
  'security headers',
  'routing + other middleware',
  'HTTP parsing, sockets (node internals)',
  'GC',
  'other',
] as const;
export type Part = (typeof PARTS)[number];

/** Source file or package -> part; undefined: not specific, look further up the stack. */
function partOfSource(source: string, functionName: string): Part | undefined {
  if (source === '(garbage collector)') return 'GC';
  if (source.startsWith('src/http/json-body')) return functionName === 'findUnsafeJson' || functionName === 'scan' ? 'unsafe-JSON scan' : 'body read + JSON.parse';
  if (source.startsWith('src/http/unsafe-json')) return 'unsafe-JSON scan';
  if (/^(body-parser|raw-body|iconv-lite|content-type|type-is|media-typer|bytes|unpipe)\b/.test(source)) return 'body read + JSON.parse';
  if (source.startsWith('src/hooks/request') || source === 'zod' || source.startsWith('src/hooks/cds-types')) return 'request validation';
  if (/^src\/hooks\/(read-case|gather-data|prefetch-template)/.test(source) || source.startsWith('src/fhir-client')) return 'prefetch handling';
  if (source.startsWith('src/fhir-mapping') || source.startsWith('src/domain')) return 'mapping (FHIR -> Case)';
  if (source.startsWith('src/engine/facts')) return 'fact base';
  if (source.startsWith('src/engine') || source.startsWith('src/learning') || source.startsWith('src/hooks/assess-record') || source.startsWith('src/hooks/evaluation-context')) return 'rules';
  if (/^src\/hooks\/(cards|issued-cards|order-actions|run-hook)/.test(source)) return 'cards';
  if (source === 'etag' || source === 'fresh') return 'ETag';
  if (source === 'express/lib/response' || source.startsWith('src/http/send-json')) return 'serialisation + response write';
  if (source === 'pino' || source === 'pino-std-serializers' || source === 'sonic-boom' || source === 'fast-redact' || source === 'quick-format-unescaped' || source === 'safe-stable-stringify' || source.startsWith('src/observability/logger')) return 'logging';
  if (source === 'prom-client' || source.startsWith('src/observability')) return 'metrics';
  if (source === 'helmet' || source.startsWith('src/http/security-headers')) return 'security headers';
  if (/^(express|router|path-to-regexp|finalhandler|on-finished|cors|vary|parseurl|qs|depd|send|encodeurl|statuses|http-errors|proxy-addr|accepts|negotiator)\b/.test(source)) return 'routing + other middleware';
  if (source.startsWith('src/')) return 'routing + other middleware';
  return undefined;
}

/** `url` of a frame -> a short source name: `src/...` for bundled code, the package for node_modules. */
export function sourceOf(url: string, line: number, bundle: BundleIndex | undefined): string {
  if (bundle && url === bundle.url) return bundle.moduleAt(line);
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)\/(.*)\.[cm]?js$/.exec(url);
  if (pkg) return pkg[1] === 'express' ? `express/${pkg[2]}` : (pkg[1] as string);
  if (url.startsWith('node:') || url === '') return 'node';
  return url;
}

export interface BundleIndex {
  url: string;
  moduleAt(line: number): string;
}

/** Line ranges of the bundled modules (esbuild writes `// src/x.ts` before each). */
export function bundleIndex(url: string, text: string): BundleIndex {
  const starts: Array<{ line: number; source: string }> = [];
  text.split('\n').forEach((l, i) => {
    const m = /^\/\/ ((?:src|bench)\/[^ ]+)\.ts$/.exec(l);
    if (m) starts.push({ line: i, source: m[1] as string });
  });
  return {
    url,
    moduleAt(line) {
      let lo = 0;
      let hi = starts.length - 1;
      let found = 'bench/server';
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        const s = starts[mid] as { line: number; source: string };
        if (s.line <= line) {
          found = s.source;
          lo = mid + 1;
        } else hi = mid - 1;
      }
      return found;
    },
  };
}

/** Microseconds per part over the profile (idle excluded), and the profiled time in all. */
export function costByPart(profile: CpuProfile, bundle: BundleIndex | undefined): { us: Record<Part, number>; busyUs: number; wallUs: number } {
  const parent = new Map<number, number>();
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const partOfNode = new Map<number, Part>();
  const resolve = (id: number): Part => {
    const known = partOfNode.get(id);
    if (known) return known;
    const node = byId.get(id)!;
    const { functionName, url, lineNumber } = node.callFrame;
    const source = functionName === '(garbage collector)' ? '(garbage collector)' : sourceOf(url, lineNumber, bundle);
    const up = parent.get(id);
    const part = partOfSource(source, functionName) ?? (up === undefined ? 'other' : resolve(up));
    // The root's direct native children ((program), timers) with no JS above them.
    const final = part === 'other' && source === 'node' ? 'HTTP parsing, sockets (node internals)' : part;
    partOfNode.set(id, final);
    return final;
  };
  const us = Object.fromEntries(PARTS.map((p) => [p, 0])) as Record<Part, number>;
  let busyUs = 0;
  profile.samples.forEach((id, i) => {
    const dt = profile.timeDeltas[i] ?? 0;
    const name = byId.get(id)?.callFrame.functionName;
    if (name === '(idle)') return;
    busyUs += dt;
    us[name === '(program)' ? 'HTTP parsing, sockets (node internals)' : resolve(id)] += dt;
  });
  return { us, busyUs, wallUs: profile.endTime - profile.startTime };
}
