import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { jest } from '@jest/globals';
import { projectFile } from '../../src/project-files.js';
import type { LearningStore } from '../../src/store/learning-store.js';
import { patientView, vignetteRequest, type CardJson } from '../support/learning-app.js';
import { startServiceProcess, type ServiceProcess } from '../support/service-process.js';
import { ENGINES, engineUnderTest } from '../support/store-engines.js';

/**
 * kill -9 under load: 16 clients post hooks and feedback as fast as they are answered; the service is killed
 * with SIGKILL mid-stream and started again on the same store. Every card answered before the kill must be in
 * the ledger, and every feedback answered 200 must be stored: an answer is only sent after its commit.
 * The counts are written to test-artifacts/kill-9-<engine>.json.
 */
jest.setTimeout(120_000);

const CLIENTS = 16;
const LOAD_MS = 2500;
const HOOK = `/cds-services/${patientView.id}`;
const bodies = ['V01', 'V03', 'V13', 'V31'].map((id) => vignetteRequest(id, new Date()));

interface Acked {
  cards: string[];
  feedback: string[];
  failedAfterKill: number;
}

async function client(base: string, acked: Acked, stopAt: number, n: number): Promise<void> {
  for (let i = 0; Date.now() < stopAt; i++) {
    try {
      const res = await fetch(`${base}${HOOK}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ ...bodies[(n + i) % bodies.length], hookInstance: randomUUID() }) });
      if (res.status !== 200) continue;
      const cards = ((await res.json()) as { cards: CardJson[] }).cards;
      acked.cards.push(...cards.map((c) => c.uuid));
      const card = cards[i % cards.length];
      if (!card) continue;
      const item = { card: card.uuid, outcome: 'overridden', outcomeTimestamp: new Date().toISOString() };
      const fb = await fetch(`${base}${HOOK}/feedback`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ feedback: [item] }) });
      if (fb.status === 200) acked.feedback.push(card.uuid);
    } catch {
      acked.failedAfterKill += 1;
      await new Promise((r) => setTimeout(r, 20));
    }
  }
}

describe.each(ENGINES)('kill -9 under load, %s store', (engineName) => {
  test('every card and every feedback answered before the kill is in the store after the restart', async () => {
    const engine = await engineUnderTest(engineName, 'kill9');
    const env = { CDS_MODE: 'demo', AUTH_DISABLED: 'true', PSEUDONYM_KEY: 'kill-test-pseudonym-key-0123456789-abcdef', SNOOZE_DAYS: '0', ...engine.env };
    let service: ServiceProcess | undefined = await startServiceProcess(env);
    let store: LearningStore | undefined;
    try {
      const acked: Acked = { cards: [], feedback: [], failedAfterKill: 0 };
      const start = Date.now();
      const stopAt = start + LOAD_MS + 1500;
      const load = Promise.all(Array.from({ length: CLIENTS }, (_, n) => client(service!.baseUrl, acked, stopAt, n)));
      await new Promise((r) => setTimeout(r, LOAD_MS));
      const before = { cards: acked.cards.length, feedback: acked.feedback.length };
      await service.kill9();
      await load;
      expect(before.cards).toBeGreaterThan(50);
      expect(acked.failedAfterKill).toBeGreaterThan(0); // the kill did land mid-stream

      service = await startServiceProcess(env);
      // The restarted service answers from the same store.
      const res = await fetch(`${service.baseUrl}/analytics/rules?days=1`);
      expect(res.status).toBe(200);
      store = await engine.open();
      const known = await store.knownCards(acked.cards);
      const data = await store.analytics({ fromMs: start - 60_000, toMs: Date.now() + 60_000 });
      const withFeedback = new Set(data.feedback.map((f) => f.cardUuid));
      const missingCards = acked.cards.filter((c) => !known.has(c));
      const missingFeedback = acked.feedback.filter((c) => !withFeedback.has(c));
      const counts = { engine: engineName, clients: CLIENTS, cardsAnswered: acked.cards.length, feedbackAnswered: acked.feedback.length, cardsInLedger: known.size, missingCards: missingCards.length, missingFeedback: missingFeedback.length, callsRefusedAfterKill: acked.failedAfterKill };
      mkdirSync(projectFile('test-artifacts'), { recursive: true });
      writeFileSync(projectFile(`test-artifacts/kill-9-${engineName}.json`), `${JSON.stringify(counts, null, 2)}\n`);
      process.stderr.write(`kill -9 (${engineName}): ${JSON.stringify(counts)}\n`);
      expect(missingCards).toEqual([]);
      expect(missingFeedback).toEqual([]);
    } finally {
      await store?.close();
      await service?.stop();
      await engine.cleanup();
    }
  });
});
