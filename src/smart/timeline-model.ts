import type { FactBase } from '../engine/facts/fact-types.js';
import { ago, day, lineLabel, PROCEDURE_LABEL, RADIOTHERAPY_LABEL, ref } from './labels.js';

/**
 * The treatment timeline: systemic lines (with cycles and last dose), radiotherapy and surgery/procedures in
 * date order, and the last bevacizumab dose called out (it times surgery). Pure.
 */
export interface TimelineEvent {
  kind: 'line' | 'radiotherapy' | 'procedure';
  /** `YYYY-MM-DD`, or undefined when the record has no date. */
  date?: string;
  label: string;
  detail: string;
  status: 'active' | 'done' | 'planned';
  source?: string;
}

export interface Timeline {
  events: TimelineEvent[];
  lastBevacizumab?: { date: string; ago: string; basis: string; source: string };
}

const BASIS: Record<'administration' | 'statement' | 'order-date', string> = {
  administration: 'administration record',
  statement: 'medication statement',
  'order-date': 'order date only (no administration on file)',
};

function gy(cGy: number): string {
  return `${Math.round(cGy) / 100} Gy`;
}

export function buildTimeline(f: FactBase, now: Date): Timeline {
  const c = f.case;
  const events: TimelineEvent[] = [];
  for (const line of f.lines) {
    const start = day(line.start);
    const parts = [
      line.cycles !== undefined ? `${line.cycles} cycle${line.cycles === 1 ? '' : 's'}` : undefined,
      line.lastGiven ? `last given ${day(line.lastGiven)}` : undefined,
      line.active ? undefined : 'stopped',
    ].filter((x): x is string => x !== undefined);
    events.push({
      kind: 'line',
      ...(start ? { date: start } : {}),
      label: `Line ${line.number}: ${lineLabel(line)}`,
      detail: parts.join(' · '),
      status: line.active ? 'active' : 'done',
    });
  }
  for (const rt of c.radiotherapy) {
    const dose = rt.totalDoseCGy !== undefined ? `${gy(rt.totalDoseCGy)}${rt.fractions ? ` in ${rt.fractions} fractions` : ''}` : undefined;
    const d = day(rt.date);
    events.push({
      kind: 'radiotherapy',
      ...(d ? { date: d } : {}),
      label: RADIOTHERAPY_LABEL[rt.course],
      detail: [rt.pelvic ? 'pelvic' : undefined, dose, rt.status === 'planned' ? 'planned' : undefined].filter(Boolean).join(' · '),
      status: rt.status,
      source: ref(rt.source),
    });
  }
  for (const p of c.procedures) {
    const d = day(p.date);
    events.push({
      kind: 'procedure',
      ...(d ? { date: d } : {}),
      label: PROCEDURE_LABEL[p.kind],
      detail: [p.status === 'planned' ? 'planned' : 'done', p.emergency ? 'urgent' : undefined].filter(Boolean).join(' · '),
      status: p.status,
      source: ref(p.source),
    });
  }
  // Oldest first; undated records last, so the order never invents a chronology.
  events.sort((a, b) => (a.date ?? '9999').localeCompare(b.date ?? '9999'));

  const bev = f.lastBevacizumab;
  const bevDay = day(bev?.date);
  return {
    events,
    ...(bev && bevDay
      ? { lastBevacizumab: { date: bevDay, ago: ago(bev.date, now) ?? '', basis: BASIS[bev.basis], source: ref(bev.source) } }
      : {}),
  };
}
