import type { RuleSet } from '../config/types.js';
import { allRules } from '../engine/rules/index.js';
import type { BulkFile } from './bulk-files.js';
import { type CollectStats, collectCandidates } from './collect.js';
import { type EvaluateInput, evaluateBuckets } from './evaluate-buckets.js';
import type { ProgressSink } from './progress-counter.js';
import { type ScanResult, scanConditions } from './scan-conditions.js';
import type { Tally } from './tally.js';

/** The rule settings of an audit as plain data (a thread rebuilds the rules from them). */
export interface TaskSettings {
  now: string;
  ruleSet: RuleSet;
  disabledRules: string[];
  rectosigmoidInScope: boolean;
}

/** One unit of work, run in this thread or in a worker thread: plain data in, plain data out. */
export type AuditTask =
  | { kind: 'scan'; files: BulkFile[]; rectosigmoidInScope: boolean }
  | { kind: 'collect'; files: BulkFile[]; candidates: string[]; buckets: number; spillDir: string; part: number }
  | { kind: 'evaluate'; input: EvaluateInput; settings: TaskSettings };

export type TaskResult<T extends AuditTask> = T extends { kind: 'scan' } ? ScanResult : T extends { kind: 'collect' } ? CollectStats : Tally;

export async function runTask(task: AuditTask, progress: ProgressSink): Promise<ScanResult | CollectStats | Tally> {
  switch (task.kind) {
    case 'scan':
      return scanConditions(task.files, task.rectosigmoidInScope, progress);
    case 'collect':
      return collectCandidates({ ...task, candidates: new Set(task.candidates) }, progress);
    case 'evaluate': {
      const s = task.settings;
      const settings = { ruleSet: s.ruleSet, disabledRules: s.disabledRules, rectosigmoidInScope: s.rectosigmoidInScope, now: new Date(s.now), rules: allRules };
      return evaluateBuckets(task.input, settings, (patients) => progress({ patients }));
    }
  }
}
