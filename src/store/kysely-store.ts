import { sql, type Kysely, type Transaction } from 'kysely';
import { GroupCommit } from './group-commit.js';
import type {
  AnalyticsData,
  AnalyticsQuery,
  FeedbackEntry,
  FeedbackReceipt,
  FeedbackOutcome,
  LearningStore,
  LedgerEntry,
  LedgerRule,
  PurgeCounts,
  RuleIndicator,
  SnoozeQuery,
  SnoozedRule,
  StoreEngine,
} from './learning-store.js';
import type { StoreSchema } from './schema.js';

/** One card row as the card INSERT binds it, in the statement's column order (`cardInsertStatement`). */
export type CardRow = readonly (string | number | null)[];

/** One override that may snooze (see `snoozedRulesOf`). */
export interface SnoozeRow {
  patient_key: string | null;
  received_at: number | string;
  rules: string;
}

/**
 * The two statements every hook call runs (the card INSERT and the snooze lookup), run another way than through
 * the typed query builder when the engine has a cheaper one: a worker thread for SQLite's commits, prepared
 * statements over arrays for PostgreSQL. Same rows in, same rows out.
 */
export interface HotPaths {
  writeCards?(entries: readonly LedgerEntry[]): Promise<void>;
  snoozeRows?(patientKeys: readonly string[], sinceMs: number, reasons: SnoozeQuery['reasons']): Promise<SnoozeRow[]>;
}

/** Rows per INSERT: well under SQLite's 32,766 and PostgreSQL's 65,535 bound parameters. */
const CHUNK = 400;

function chunks<T>(items: readonly T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

type Job = { kind: 'cards'; entries: readonly LedgerEntry[] } | { kind: 'feedback'; items: readonly FeedbackEntry[] };
type JobResult = FeedbackReceipt | undefined;

/**
 * The learning store over Kysely: the same typed queries for SQLite (better-sqlite3) and PostgreSQL (`pg`).
 * Writes go through group commit; reads run directly.
 */
export class KyselyStore implements LearningStore {
  private readonly writer: GroupCommit<Job, JobResult>;
  private readonly snoozeReader: GroupCommit<SnoozeQuery, SnoozedRule[]>;

  constructor(
    private readonly db: Kysely<StoreSchema>,
    readonly engine: StoreEngine,
    private readonly onClose: () => Promise<void> = async () => undefined,
    /** Faster ways, of this engine, to run the two statements of every hook call; absent: the typed queries. */
    private readonly hot: HotPaths = {},
  ) {
    // A commit on the event loop (SQLite without a card writer) stops it: a 2 ms window under load lets
    // concurrent calls share one. A commit elsewhere (PostgreSQL, the card writer) lets batches form by themselves.
    const syncCommits = engine === 'sqlite' && !hot.writeCards;
    this.writer = new GroupCommit((jobs) => this.write(jobs), { maxBatch: 256, windowMs: syncCommits ? 2 : 0 });
    this.snoozeReader = new GroupCommit((queries) => this.snoozedRulesOf(queries), { maxBatch: 200, windowMs: 0 });
  }

  async recordCards(entries: readonly LedgerEntry[]): Promise<void> {
    if (entries.length === 0) return;
    await this.writer.submit({ kind: 'cards', entries });
  }

  async recordFeedback(items: readonly FeedbackEntry[]): Promise<FeedbackReceipt> {
    if (items.length === 0) return { stored: 0, duplicates: 0, matched: 0, unmatched: 0 };
    return (await this.writer.submit({ kind: 'feedback', items })) as FeedbackReceipt;
  }

  /**
   * One batch: the cards of every job in one multi-row INSERT (per 400 rows), then each feedback job's INSERT.
   * Each statement commits on its own (a single statement is atomic, and durable once it returns), so a
   * batch of cards costs one round trip and one commit, not BEGIN, INSERT and COMMIT. Every insert ignores
   * rows already present, so a retry after a failure (GroupCommit retries each job alone) writes nothing twice.
   */
  private async write(jobs: Job[]): Promise<JobResult[]> {
    const cards = jobs.flatMap((j) => (j.kind === 'cards' ? j.entries : []));
    if (cards.length > 0) {
      if (this.hot.writeCards) await this.hot.writeCards(cards);
      else await insertCards(this.db, cards);
    }
    const results: JobResult[] = [];
    for (const job of jobs) results.push(job.kind === 'feedback' ? await insertFeedback(this.db, job.items) : undefined);
    return results;
  }

  /**
   * PostgreSQL: concurrent snooze lookups are answered by one query for all their patients (same batching as
   * writes). SQLite reads on this thread anyway, so the lookup runs at once: waiting for a batch would only keep
   * each call's parsed record alive for another turn of the event loop.
   */
  async snoozedRules(q: SnoozeQuery): Promise<SnoozedRule[]> {
    if (q.reasons.length === 0) return [];
    if (this.engine === 'sqlite') return (await this.snoozedRulesOf([q]))[0]!;
    return this.snoozeReader.submit(q);
  }

  private async snoozedRulesOf(queries: SnoozeQuery[]): Promise<SnoozedRule[][]> {
    const reasonKey = (q: SnoozeQuery) => q.reasons.map((r) => `${r.system}|${r.code}`).join(' ');
    const results: SnoozedRule[][] = queries.map(() => []);
    // Queries with the same reasons (in practice: all of them) share one statement.
    const byReasons = new Map<string, number[]>();
    queries.forEach((q, i) => byReasons.set(reasonKey(q), [...(byReasons.get(reasonKey(q)) ?? []), i]));
    for (const indexes of byReasons.values()) {
      const group = indexes.map((i) => queries[i]!);
      const patientKeys = [...new Set(group.map((q) => q.patientKey))];
      const sinceMs = Math.min(...group.map((q) => q.sinceMs));
      const rows = this.hot.snoozeRows ? await this.hot.snoozeRows(patientKeys, sinceMs, group[0]!.reasons) : await snoozeRows(this.db, patientKeys, sinceMs, group[0]!.reasons);
      for (const i of indexes) {
        const q = queries[i]!;
        const out = new Map<string, SnoozedRule>();
        for (const row of rows) {
          if (row.patient_key !== q.patientKey || Number(row.received_at) < q.sinceMs) continue;
          for (const r of parseRules(row.rules)) {
            if (r.indicator === 'info') out.set(`${r.ruleId}\u0000${r.factsDigest}`, { ruleId: r.ruleId, factsDigest: r.factsDigest });
          }
        }
        results[i] = [...out.values()];
      }
    }
    return results;
  }

  async claimJti(iss: string, jti: string, expiresAtMs: number, nowMs: number): Promise<'fresh' | 'replayed'> {
    // One statement, atomic on both engines: insert, or take over a row whose token has expired.
    const row = await this.db
      .insertInto('jti_claims')
      .values({ iss, jti, expires_at: expiresAtMs })
      .onConflict((oc) =>
        oc
          .columns(['iss', 'jti'])
          .doUpdateSet({ expires_at: expiresAtMs })
          .where('jti_claims.expires_at', '<=', nowMs),
      )
      .returning('jti')
      .executeTakeFirst();
    return row ? 'fresh' : 'replayed';
  }

  async analytics(q: AnalyticsQuery): Promise<AnalyticsData> {
    let cards = this.db
      .selectFrom('cards as c')
      .select(['c.card_uuid', 'c.rules', 'c.rule_set_version', 'c.service', 'c.hook', 'c.client', 'c.patient_key', 'c.issued_at', 'c.shadow'])
      .where('c.issued_at', '>=', q.fromMs)
      .where('c.issued_at', '<', q.toMs);
    if (q.service) cards = cards.where('c.service', '=', q.service);
    if (q.hook) cards = cards.where('c.hook', '=', q.hook);
    if (q.client) cards = cards.where('c.client', '=', q.client);
    const rows = await cards.orderBy('c.issued_at').execute();

    let feedback = this.db
      .selectFrom('feedback as f')
      .innerJoin('cards as c', 'c.card_uuid', 'f.card_uuid')
      .select(['f.card_uuid', 'f.outcome', 'f.reason_system', 'f.reason_code', 'f.outcome_at', 'f.received_at'])
      .where('c.issued_at', '>=', q.fromMs)
      .where('c.issued_at', '<', q.toMs);
    if (q.service) feedback = feedback.where('c.service', '=', q.service);
    if (q.hook) feedback = feedback.where('c.hook', '=', q.hook);
    if (q.client) feedback = feedback.where('c.client', '=', q.client);
    const fb = await feedback.execute();

    let unmatched = this.db
      .selectFrom('feedback as f')
      .leftJoin('cards as c', 'c.card_uuid', 'f.card_uuid')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('c.card_uuid', 'is', null)
      .where('f.received_at', '>=', q.fromMs)
      .where('f.received_at', '<', q.toMs);
    if (q.service) unmatched = unmatched.where('f.service', '=', q.service);
    if (q.client) unmatched = unmatched.where('f.client', '=', q.client);
    const { n } = await unmatched.executeTakeFirstOrThrow();

    return {
      showings: rows.flatMap((c) =>
        parseRules(c.rules).map((r, position) => ({
          cardUuid: c.card_uuid,
          ruleId: r.ruleId,
          position,
          indicator: r.indicator,
          ruleSetVersion: c.rule_set_version,
          service: c.service,
          hook: c.hook,
          client: c.client,
          patientKey: c.patient_key,
          issuedAtMs: Number(c.issued_at),
          shadow: Number(c.shadow) === 1,
        })),
      ),
      feedback: fb.map((f) => ({
        cardUuid: f.card_uuid,
        outcome: f.outcome as FeedbackOutcome,
        reason: f.reason_system !== null && f.reason_code !== null ? { system: f.reason_system, code: f.reason_code } : null,
        outcomeAtMs: Number(f.outcome_at),
        receivedAtMs: Number(f.received_at),
      })),
      unmatchedFeedback: Number(n),
    };
  }

  async knownCards(cardUuids: readonly string[]): Promise<Set<string>> {
    return knownIn(this.db, cardUuids);
  }

  async purge(beforeMs: number, nowMs: number): Promise<PurgeCounts> {
    return this.db.transaction().execute(async (trx) => {
      const cards = await trx.deleteFrom('cards').where('issued_at', '<', beforeMs).executeTakeFirst();
      const feedback = await trx.deleteFrom('feedback').where('received_at', '<', beforeMs).executeTakeFirst();
      const jtis = await trx.deleteFrom('jti_claims').where('expires_at', '<=', nowMs).executeTakeFirst();
      return { cards: Number(cards.numDeletedRows), feedback: Number(feedback.numDeletedRows), jtis: Number(jtis.numDeletedRows) };
    });
  }

  async close(): Promise<void> {
    await this.db.destroy();
    await this.onClose();
  }
}

async function knownIn(db: Kysely<StoreSchema> | Transaction<StoreSchema>, cardUuids: readonly string[]): Promise<Set<string>> {
  const known = new Set<string>();
  for (const part of chunks([...new Set(cardUuids)])) {
    const rows = await db.selectFrom('cards').select('card_uuid').where('card_uuid', 'in', part).execute();
    for (const r of rows) known.add(r.card_uuid);
  }
  return known;
}

/** The overrides with a snooze reason of these patients since `sinceMs`, with the rules of the card overridden. */
async function snoozeRows(db: Kysely<StoreSchema>, patientKeys: readonly string[], sinceMs: number, reasons: SnoozeQuery['reasons']): Promise<SnoozeRow[]> {
  return db
    .selectFrom('feedback as f')
    .innerJoin('cards as c', 'c.card_uuid', 'f.card_uuid')
    .select(['f.patient_key', 'f.received_at', 'c.rules'])
    .where('f.patient_key', 'in', patientKeys)
    .where('c.shadow', '=', 0)
    .where('f.outcome', '=', 'overridden')
    .where('f.received_at', '>=', sinceMs)
    .where((eb) => eb.or(reasons.map((r) => eb.and([eb('f.reason_system', '=', r.system), eb('f.reason_code', '=', r.code)]))))
    .execute();
}

/** A ledger entry as its `cards` row: no card text, no FHIR data; rules and suggestions as JSON. */
function cardValues(e: LedgerEntry) {
  return {
    card_uuid: e.cardUuid,
    hook_instance: e.hookInstance,
    service: e.service,
    hook: e.hook,
    rule_set_version: e.ruleSetVersion,
    client: e.client,
    patient_key: e.patientKey,
    user_key: e.userKey,
    issued_at: e.issuedAtMs,
    shadow: e.shadow ? 1 : 0,
    rules: JSON.stringify(e.rules.map((r) => ({ ruleId: r.ruleId, indicator: r.indicator, factsDigest: r.factsDigest }))),
    suggestions: JSON.stringify(e.suggestions.map((x) => ({ uuid: x.uuid, label: x.label }))),
  };
}

async function insertCards(trx: Kysely<StoreSchema>, entries: readonly LedgerEntry[]): Promise<void> {
  for (const part of chunks(entries)) {
    await trx
      .insertInto('cards')
      .values(part.map(cardValues))
      .onConflict((oc) => oc.column('card_uuid').doNothing())
      .execute();
  }
}

/**
 * The one-row card INSERT as SQL, compiled by the same typed query, and each entry's values in its column
 * order: what a writer on another connection (`sqlite-card-writer.ts`) prepares once and binds per row.
 */
export function cardInsertStatement(db: Kysely<StoreSchema>): { sql: string; columns: readonly string[]; row: (e: LedgerEntry) => CardRow } {
  const sample: LedgerEntry = { cardUuid: '', hookInstance: '', service: '', hook: '', ruleSetVersion: '', client: '', patientKey: '', userKey: null, issuedAtMs: 0, shadow: false, rules: [], suggestions: [] };
  const compiled = db.insertInto('cards').values(cardValues(sample)).onConflict((oc) => oc.column('card_uuid').doNothing()).compile();
  const columns = Object.keys(cardValues(sample));
  if (compiled.parameters.length !== columns.length) throw new Error('card INSERT: one parameter per column expected');
  return { sql: compiled.sql, columns, row: (e) => Object.values(cardValues(e)) };
}

const INDICATORS = new Set<string>(['info', 'warning', 'critical']);

/** The rules column, read defensively: a row is never trusted to be well-formed. */
function parseRules(text: string): LedgerRule[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return [];
  }
  if (!Array.isArray(parsed)) return [];
  return parsed.flatMap((r: Partial<LedgerRule> | null) =>
    r && typeof r.ruleId === 'string' && typeof r.factsDigest === 'string' && INDICATORS.has(r.indicator as string) ? [{ ruleId: r.ruleId, indicator: r.indicator as RuleIndicator, factsDigest: r.factsDigest }] : [],
  );
}

async function insertFeedback(db: Kysely<StoreSchema>, items: readonly FeedbackEntry[]): Promise<FeedbackReceipt> {
  // The patient of each known card goes on its feedback row, so the snooze lookup can start from a patient.
  const patients = new Map<string, string>();
  for (const part of chunks([...new Set(items.map((f) => f.cardUuid))])) {
    const rows = await db.selectFrom('cards').select(['card_uuid', 'patient_key']).where('card_uuid', 'in', part).execute();
    for (const r of rows) patients.set(r.card_uuid, r.patient_key);
  }
  let stored = 0;
  for (const part of chunks(items)) {
    const written = await db
      .insertInto('feedback')
      .values(
        part.map((f) => ({
          feedback_key: f.feedbackKey,
          service: f.service,
          client: f.client,
          card_uuid: f.cardUuid,
          patient_key: patients.get(f.cardUuid) ?? null,
          outcome: f.outcome,
          accepted_suggestions: f.acceptedSuggestions.join(' '),
          reason_system: f.reason?.system ?? null,
          reason_code: f.reason?.code ?? null,
          commented: f.commented ? 1 : 0,
          outcome_at: f.outcomeAtMs,
          received_at: f.receivedAtMs,
        })),
      )
      .onConflict((oc) => oc.column('feedback_key').doNothing())
      .returning('feedback_key')
      .execute();
    stored += written.length;
  }
  const matched = items.filter((f) => patients.has(f.cardUuid)).length;
  return { stored, duplicates: items.length - stored, matched, unmatched: items.length - matched };
}

/** `SELECT 1`: the store answers. */
export async function ping(db: Kysely<StoreSchema>): Promise<void> {
  await sql`select 1`.execute(db);
}
