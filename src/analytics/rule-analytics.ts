import type { AnalyticsData, FeedbackRow, RuleShowing } from '../store/learning-store.js';
import { reasonLabel, reasonOrigin, type ReasonOrigin } from '../learning/override-reasons.js';

/**
 * Rule analytics for clinical informaticists, per rule and rule-set version: how often a rule was shown, to
 * how many patients, how clinicians answered (accepted, overridden and why, no answer), how fast, how often
 * the same patient saw it again, and a weekly trend; shadow rules' would-be showings beside. Pure: rows in,
 * report out. A card's answer is its latest feedback; a plan card's answer counts for every rule it carries.
 */

export interface ReasonCount {
  system: string;
  code: string;
  label: string;
  origin: ReasonOrigin;
  count: number;
}

export interface WeekPoint {
  /** Monday of the week (UTC), `YYYY-MM-DD`. */
  week: string;
  shown: number;
  accepted: number;
  overridden: number;
  shadow: number;
}

export interface RuleRow {
  ruleId: string;
  ruleSetVersion: string;
  shown: number;
  /** Showings as the card's lead rule (the rest were sections of a plan card). */
  asLead: number;
  patients: number;
  accepted: number;
  overridden: number;
  unanswered: number;
  acceptanceRate: number | null;
  overrideRate: number | null;
  overriddenByReason: ReasonCount[];
  medianMinutesToFeedback: number | null;
  /** Showings per patient: 1 means nobody saw it twice. */
  showingsPerPatient: { mean: number | null; max: number };
  repeatShowings: number;
  shadow: { shown: number; patients: number };
  weekly: WeekPoint[];
}

export interface AnalyticsReport {
  window: { from: string; to: string; days: number };
  filters: { service?: string; hook?: string; client?: string };
  totals: { cards: number; shadowCards: number; patients: number; answered: number; unmatchedFeedback: number };
  /** The values seen in the window, for the page's filters. */
  seen: { services: string[]; hooks: string[]; clients: string[]; ruleSetVersions: string[] };
  rules: RuleRow[];
}

const WEEK_MS = 7 * 86_400_000;

/** Monday 00:00 UTC of the week holding `ms`. */
export function weekStart(ms: number): number {
  const d = new Date(ms);
  const day = (d.getUTCDay() + 6) % 7;
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() - day);
}
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

const rate = (n: number, of: number) => (of === 0 ? null : Math.round((n / of) * 1000) / 1000);
const sorted = (values: Iterable<string>) => [...new Set(values)].sort();

interface CardAnswer {
  latest: FeedbackRow;
  firstAtMs: number;
}

function answersByCard(feedback: readonly FeedbackRow[]): Map<string, CardAnswer> {
  const out = new Map<string, CardAnswer>();
  for (const f of feedback) {
    const seen = out.get(f.cardUuid);
    if (!seen) out.set(f.cardUuid, { latest: f, firstAtMs: f.outcomeAtMs });
    else {
      if (f.outcomeAtMs >= seen.latest.outcomeAtMs) seen.latest = f;
      seen.firstAtMs = Math.min(seen.firstAtMs, f.outcomeAtMs);
    }
  }
  return out;
}

export function ruleAnalytics(data: AnalyticsData, q: { fromMs: number; toMs: number; service?: string; hook?: string; client?: string }): AnalyticsReport {
  const answers = answersByCard(data.feedback);
  const weeks: number[] = [];
  for (let w = weekStart(q.fromMs); w < q.toMs; w += WEEK_MS) weeks.push(w);

  const groups = new Map<string, RuleShowing[]>();
  for (const s of data.showings) {
    const k = `${s.ruleId}\u0000${s.ruleSetVersion}`;
    const list = groups.get(k);
    if (list) list.push(s);
    else groups.set(k, [s]);
  }

  const rules: RuleRow[] = [...groups.values()].map((rows) => {
    const live = rows.filter((r) => !r.shadow);
    const shadow = rows.filter((r) => r.shadow);
    let accepted = 0;
    let overridden = 0;
    const reasons = new Map<string, ReasonCount>();
    const minutes: number[] = [];
    const perPatient = new Map<string, number>();
    const weekly = new Map<number, WeekPoint>(weeks.map((w) => [w, { week: isoDay(w), shown: 0, accepted: 0, overridden: 0, shadow: 0 }]));
    for (const r of live) {
      perPatient.set(r.patientKey, (perPatient.get(r.patientKey) ?? 0) + 1);
      const point = weekly.get(weekStart(r.issuedAtMs));
      if (point) point.shown += 1;
      const answer = answers.get(r.cardUuid);
      if (!answer) continue;
      minutes.push(Math.max(0, answer.firstAtMs - r.issuedAtMs) / 60_000);
      if (answer.latest.outcome === 'accepted') {
        accepted += 1;
        if (point) point.accepted += 1;
        continue;
      }
      overridden += 1;
      if (point) point.overridden += 1;
      const reason = answer.latest.reason;
      const key = reason ? `${reason.system}|${reason.code}` : '';
      const count = reasons.get(key) ?? {
        system: reason?.system ?? '',
        code: reason?.code ?? '',
        label: reason ? reasonLabel(reason.system, reason.code) : '(no reason given)',
        origin: reason ? reasonOrigin(reason.system) : 'other',
        count: 0,
      };
      count.count += 1;
      reasons.set(key, count);
    }
    for (const r of shadow) {
      const point = weekly.get(weekStart(r.issuedAtMs));
      if (point) point.shadow += 1;
    }
    const counts = [...perPatient.values()];
    const first = rows[0]!;
    return {
      ruleId: first.ruleId,
      ruleSetVersion: first.ruleSetVersion,
      shown: live.length,
      asLead: live.filter((r) => r.position === 0).length,
      patients: perPatient.size,
      accepted,
      overridden,
      unanswered: live.length - accepted - overridden,
      acceptanceRate: rate(accepted, live.length),
      overrideRate: rate(overridden, live.length),
      overriddenByReason: [...reasons.values()].sort((a, b) => b.count - a.count || a.label.localeCompare(b.label)),
      medianMinutesToFeedback: median(minutes),
      showingsPerPatient: { mean: perPatient.size === 0 ? null : Math.round((live.length / perPatient.size) * 100) / 100, max: counts.length ? Math.max(...counts) : 0 },
      repeatShowings: live.length - perPatient.size,
      shadow: { shown: shadow.length, patients: new Set(shadow.map((r) => r.patientKey)).size },
      weekly: [...weekly.values()],
    };
  });
  rules.sort((a, b) => a.ruleId.localeCompare(b.ruleId, 'en', { numeric: true }) || a.ruleSetVersion.localeCompare(b.ruleSetVersion));

  const liveCards = new Set(data.showings.filter((s) => !s.shadow).map((s) => s.cardUuid));
  const shadowCards = new Set(data.showings.filter((s) => s.shadow).map((s) => s.cardUuid));
  return {
    window: { from: new Date(q.fromMs).toISOString(), to: new Date(q.toMs).toISOString(), days: Math.round((q.toMs - q.fromMs) / 86_400_000) },
    filters: { ...(q.service ? { service: q.service } : {}), ...(q.hook ? { hook: q.hook } : {}), ...(q.client ? { client: q.client } : {}) },
    totals: {
      cards: liveCards.size,
      shadowCards: shadowCards.size,
      patients: new Set(data.showings.filter((s) => !s.shadow).map((s) => s.patientKey)).size,
      answered: [...liveCards].filter((c) => answers.has(c)).length,
      unmatchedFeedback: data.unmatchedFeedback,
    },
    seen: {
      services: sorted(data.showings.map((s) => s.service)),
      hooks: sorted(data.showings.map((s) => s.hook)),
      clients: sorted(data.showings.map((s) => s.client)),
      ruleSetVersions: sorted(data.showings.map((s) => s.ruleSetVersion)),
    },
    rules,
  };
}
