/**
 * A month of synthetic CDS traffic for the analytics demo (`npm run analytics:demo`) and the analytics page
 * test: two EHRs, 60 synthetic patients, chart reviews on most days with each patient's stable set of
 * chart-review rules (advice sometimes folded into one plan card), order-sign alerts now and then, feedback on
 * about half the cards (each rule with its own acceptance, override reasons from the cards and the CDS Hooks
 * 3.0 ballot, answers minutes after the card), snooze honoured as the service does, a shadow rule, a rule-set
 * change after the first week, and a few feedback items for cards the ledger never saw. Seeded: the same
 * month every run.
 */
import { randomUUID } from 'node:crypto';
import type { Config } from '../../src/config/types.js';
import { DAY_MS } from '../../src/domain/time.js';
import { allRules } from '../../src/engine/rules/index.js';
import type { RuleMeta } from '../../src/engine/rule.js';
import { BALLOT_OVERRIDE_SYSTEM } from '../../src/learning/override-reasons.js';
import { pseudonymKey, pseudonyms } from '../../src/learning/pseudonyms.js';
import { ruleSetVersion } from '../../src/learning/rule-set-version.js';
import { CARD_OVERRIDE_SYSTEM } from '../../src/config/learning-env.js';
import type { FeedbackEntry, LedgerEntry } from '../../src/store/learning-store.js';

/** A small seeded generator (mulberry32): the same month every run. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

let random = prng(20260601);
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
const sample = <T>(items: readonly T[], n: number): T[] => [...items].sort(() => random() - 0.5).slice(0, n);

const CLIENTS = ['https://ehr.north.example', 'https://ehr.south.example'];
const SHADOW_RULE = 'RC-E11';
const metas = allRules.map((r) => r.meta);
const chartRules = metas.filter((r) => r.hooks.includes('patient-view'));
const orderRules = metas.filter((r) => r.hooks.includes('order-sign') && r.defaultIndicator !== 'info');
const ballotCodes = ['cds-not-applicable', 'recipient-disagrees-evidence', 'does-not-align-preferences', 'not-convenient-feasible'];

interface Patient {
  id: string;
  client: string;
  rules: RuleMeta[];
  /** Data generation per rule: a new one means new facts (a new digest). */
  epoch: Map<string, number>;
  snoozedUntil: Map<string, number>;
}

export interface DemoTraffic {
  cards: LedgerEntry[];
  feedback: FeedbackEntry[];
  patients: number;
}

export function demoTraffic(config: Config, now: number): DemoTraffic {
  random = prng(20260601);
  /** Each rule's own acceptance: some advice is taken up often, some rarely. */
  const acceptance = new Map(metas.map((r) => [r.id, 0.15 + random() * 0.6]));
  const names = pseudonyms(pseudonymKey(config));
  const current = ruleSetVersion(allRules, config);
  const previous = ruleSetVersion(allRules, { ...config, disabledRules: [...config.disabledRules, 'RC-E4'] });
  const start = now - 30 * DAY_MS;

  const patients: Patient[] = Array.from({ length: 60 }, (_, i) => ({
    id: `demo-patient-${String(i + 1).padStart(2, '0')}`,
    client: CLIENTS[i % 2]!,
    rules: sample(chartRules, 2 + Math.floor(random() * 4)),
    epoch: new Map(),
    snoozedUntil: new Map(),
  }));

  const cards: LedgerEntry[] = [];
  const feedback: FeedbackEntry[] = [];
  for (let day = 0; day < 30; day++) {
    for (const p of patients) {
      if (random() > 0.3) continue;
      const at = start + day * DAY_MS + Math.floor((7 + random() * 10) * 3_600_000);
      const version = day < 7 ? previous : current;
      const base = { hookInstance: randomUUID(), client: p.client, patientKey: names.patient(p.client, p.id), userKey: names.user(p.client, `Practitioner/demo-${Math.floor(random() * 12)}`), issuedAtMs: at, ruleSetVersion: version };
      // New data now and then: the advice that rested on it may come back after a snooze.
      for (const r of p.rules) if (random() < 0.04) p.epoch.set(r.id, (p.epoch.get(r.id) ?? 0) + 1);
      const digest = (r: RuleMeta) => `${p.id}-${r.id}-${p.epoch.get(r.id) ?? 0}`;
      const showing = p.rules.filter((r) => r.defaultIndicator !== 'info' || (p.snoozedUntil.get(`${r.id}:${digest(r)}`) ?? 0) < at);
      const info = showing.filter((r) => r.defaultIndicator === 'info');
      const alerts = showing.filter((r) => r.defaultIndicator !== 'info');
      // Advice is folded into one plan card on some calls (lead first), as the plan card does.
      const groups: RuleMeta[][] = [...alerts.map((r) => [r]), ...(info.length > 1 && random() < 0.4 ? [info] : info.map((r) => [r]))];
      for (const group of groups) {
        const card: LedgerEntry = {
          ...base,
          cardUuid: randomUUID(),
          service: 'rectal-cancer-stage-iv',
          hook: 'patient-view',
          shadow: false,
          rules: group.map((r) => ({ ruleId: r.id, indicator: r.defaultIndicator, factsDigest: digest(r) })),
          suggestions: random() < 0.5 ? [{ uuid: randomUUID(), label: `Suggested action for ${group[0]!.id}` }] : [],
        };
        cards.push(card);
        answer(card, p, at, group, digest);
      }
      if (random() < 0.15) {
        cards.push({ ...base, cardUuid: randomUUID(), service: 'rectal-cancer-stage-iv', hook: 'patient-view', shadow: true, rules: [{ ruleId: SHADOW_RULE, indicator: 'info', factsDigest: `${p.id}-shadow` }], suggestions: [] });
      }
      if (random() < 0.08) {
        const rule = pick(orderRules);
        const card: LedgerEntry = { ...base, hookInstance: randomUUID(), cardUuid: randomUUID(), service: 'rectal-cancer-order-sign', hook: 'order-sign', shadow: false, rules: [{ ruleId: rule.id, indicator: rule.defaultIndicator, factsDigest: `${p.id}-${rule.id}-${day}` }], suggestions: [{ uuid: randomUUID(), label: 'Replace the drafted order' }] };
        cards.push(card);
        answer(card, p, at, [rule], () => '');
      }
    }
  }
  for (let i = 0; i < 7; i++) {
    const at = start + Math.floor(random() * 30) * DAY_MS;
    feedback.push(item({ cardUuid: randomUUID(), client: pick(CLIENTS), service: 'rectal-cancer-stage-iv', outcome: 'overridden', reason: null, outcomeAtMs: at, receivedAtMs: at }));
  }

  function answer(card: LedgerEntry, p: Patient, at: number, group: RuleMeta[], digest: (r: RuleMeta) => string): void {
    if (random() > 0.55) return;
    const lead = group[0]!;
    const when = at + Math.floor(Math.exp(Math.log(3) + random() * 2.2 - 1.1) * 60_000);
    if (card.suggestions.length > 0 && random() < acceptance.get(lead.id)!) {
      feedback.push(item({ cardUuid: card.cardUuid, client: card.client, service: card.service, outcome: 'accepted', acceptedSuggestions: [card.suggestions[0]!.uuid], reason: null, outcomeAtMs: when, receivedAtMs: when + 400 }));
      return;
    }
    const roll = random();
    const reason =
      lead.defaultIndicator === 'info'
        ? roll < 0.55
          ? { system: CARD_OVERRIDE_SYSTEM, code: 'already-addressed' }
          : roll < 0.8
            ? { system: BALLOT_OVERRIDE_SYSTEM, code: pick(ballotCodes) }
            : null
        : roll < 0.7
          ? { system: CARD_OVERRIDE_SYSTEM, code: pick(['mdt-decision', 'clinical-trial', 'patient-preference', 'result-disputed']) }
          : { system: BALLOT_OVERRIDE_SYSTEM, code: pick(ballotCodes) };
    feedback.push(item({ cardUuid: card.cardUuid, client: card.client, service: card.service, outcome: 'overridden', reason, outcomeAtMs: when, receivedAtMs: when + 400 }));
    if (reason?.code === 'already-addressed') {
      for (const r of group) if (r.defaultIndicator === 'info') p.snoozedUntil.set(`${r.id}:${digest(r)}`, when + config.snoozeDays * DAY_MS);
    }
  }

  return { cards, feedback, patients: patients.length };
}

function item(f: Omit<FeedbackEntry, 'feedbackKey' | 'acceptedSuggestions' | 'commented'> & { acceptedSuggestions?: string[] }): FeedbackEntry {
  return { feedbackKey: randomUUID(), acceptedSuggestions: [], commented: random() < 0.2, ...f };
}
