import { loadConfig } from '../config/load-config.js';
import { parseCliArgs } from './cli-args.js';
import { AuditError } from './errors.js';
import { EXIT } from './exit-codes.js';
import { type ProgressOut, progressDisplay } from './progress-display.js';
import { auditNdjsonFolder } from './run-audit.js';
import { downloadForAudit } from './export-input.js';

const CODE_OF = { 'bad-arguments': EXIT.badArguments, 'unreadable-input': EXIT.unreadableInput, 'output-failed': EXIT.outputFailed, 'export-failed': EXIT.exportFailed, 'queue-failed': EXIT.queueFailed } as const;

/**
 * The audit command: arguments, the service's rule settings from the environment (RULE_SET, DISABLED_RULES,
 * SHADOW_RULES, RECTOSIGMOID_IN_SCOPE, as the hooks read them), progress on `err`, an exit code saying what
 * failed. Messages carry counts and file names only.
 */
export async function runAuditCli(argv: readonly string[], env: Record<string, string | undefined>, err: ProgressOut, workerUrl?: URL): Promise<number> {
  try {
    const { input, queue, ...rest } = parseCliArgs(argv);
    let config;
    try {
      config = loadConfig(env);
    } catch (e) {
      throw new AuditError('bad-arguments', `configuration: ${(e as Error).message}`);
    }
    const exported = 'exportUrl' in input ? await downloadForAudit(input.exportUrl, rest.outDir, config, env, err) : undefined;
    const display = progressDisplay(err);
    const { summary, partial: partialLines } = await auditNdjsonFolder({
      ...rest,
      ndjsonDir: exported ? exported.dir : (input as { ndjsonDir: string }).ndjsonDir,
      settings: { ruleSet: config.ruleSet, disabledRules: config.disabledRules, rectosigmoidInScope: config.rectosigmoidInScope, shadowRules: config.shadowRules },
      onProgress: (p) => display.update(p),
      ...(workerUrl ? { workerUrl } : {}),
      ...(queue ? { queue: { url: queue } } : {}),
    });
    display.finish();
    err.write(
      `audit: ${summary.patientsAudited} patients audited, ${summary.inScope} in scope (${summary.stageIV} stage IV), ${summary.findings} findings, ` +
        `${summary.input.invalidLines} invalid lines, ${(summary.durationMs / 1000).toFixed(1)} s; outputs in the --out folder\n`,
    );
    if (partialLines) err.write(`audit: partial input: ${summary.input.invalidLines} line(s) could not be read (listed in summary.json)\n`);
    if (exported && exported.errors > 0) err.write(`audit: partial input: the export reported ${exported.errors} error(s) (in export-errors.ndjson): some data was not exported\n`);
    const partial = partialLines || (exported !== undefined && exported.errors > 0);
    return partial ? EXIT.partialInput : EXIT.ok;
  } catch (e) {
    if (e instanceof AuditError) {
      err.write(`audit: ${e.message}\n`);
      return CODE_OF[e.kind];
    }
    err.write(`audit: failed: ${(e as Error).message}\n`);
    return EXIT.internal;
  }
}
