import type { Case } from '../../domain/case.js';
import type { BasedOn, EvaluationContext } from '../types.js';
import { FACT_DEFS } from './definitions.js';
import type { FactBase, FactDef, FactName, Facts } from './fact-types.js';

/**
 * One evaluation's facts, typed and memoised (json-rules-engine's Almanac, typed): a fact is computed on its
 * first read and kept; every read is recorded in the frame of whoever read it (a rule's condition, or another
 * fact being computed), so the engine knows which facts a rule read and each fact knows what it was made of.
 */
class FactStore {
  private readonly values = new Map<FactName, unknown>();
  private readonly madeOf = new Map<FactName, FactName[]>();
  private readonly frames: Set<FactName>[] = [];
  private readonly computing = new Set<FactName>();
  /** Each fact's "based on" lines, made once: rules reading the same facts share them. */
  private readonly bases = new Map<FactName, readonly BasedOn[]>();

  readonly case: Case;
  readonly ctx: EvaluationContext;

  constructor(c: Case, ctx: EvaluationContext) {
    this.case = c;
    this.ctx = ctx;
  }

  read<K extends FactName>(name: K): Facts[K] {
    this.frames[this.frames.length - 1]?.add(name);
    if (this.values.has(name)) return this.values.get(name) as Facts[K];
    if (this.computing.has(name)) throw new Error(`fact ${name} depends on itself`);
    const frame = new Set<FactName>();
    this.frames.push(frame);
    this.computing.add(name);
    try {
      const value = (FACT_DEFS[name] as FactDef<Facts[K]>).compute(this as unknown as FactBase);
      this.values.set(name, value);
      this.madeOf.set(name, [...frame]);
      return value;
    } finally {
      this.computing.delete(name);
      this.frames.pop();
    }
  }

  /** Reads inside a tracked run also count for the run around it (a condition's reads are its rule's). */
  track<R>(fn: () => R): { result: R; read: FactName[] } {
    const frame = new Set<FactName>();
    this.frames.push(frame);
    try {
      return { result: fn(), read: [...frame] };
    } finally {
      this.frames.pop();
      const outer = this.frames[this.frames.length - 1];
      if (outer) for (const name of frame) outer.add(name);
    }
  }

  basisOf(name: FactName): BasedOn[] {
    const known = this.bases.get(name);
    if (known) return [...known];
    const value = this.read(name);
    const def = FACT_DEFS[name] as FactDef<unknown>;
    const basis = def.basis ? def.basis(value, this as unknown as FactBase) : (this.madeOf.get(name) ?? []).flatMap((n) => this.basisOf(n));
    this.bases.set(name, basis);
    return [...basis];
  }
}

// Each fact is a getter on the prototype, defined once: reading `facts.currentLine` computes it at most once.
for (const name of Object.keys(FACT_DEFS) as FactName[]) {
  Object.defineProperty(FactStore.prototype, name, {
    get(this: FactStore) {
      return this.read(name);
    },
  });
}

/** The fact base of one evaluation of `c` in `ctx`. */
export function createFactBase(c: Case, ctx: EvaluationContext): FactBase {
  return new FactStore(c, ctx) as unknown as FactBase;
}

/** "Based on" lines once each, in order of first mention. */
export function distinctBasis(lines: readonly BasedOn[]): BasedOn[] {
  const seen = new Set<string>();
  const out: BasedOn[] = [];
  for (const b of lines) {
    const key = `${b.label}\u001f${b.value}\u001f${b.date ?? ''}\u001f${b.source ? `${b.source.resourceType}/${b.source.id}` : ''}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(b);
  }
  return out;
}
