/**
 * Population audit of a Bulk Data NDJSON export (README "Population audit"):
 *   npm run audit -- --ndjson DIR --out DIR [--date YYYY-MM-DD] [--workers N]
 * Findings name patients: they are written to --out only, and nothing here logs an id.
 */
import { runAuditCli } from '../src/audit/cli.js';

process.exitCode = await runAuditCli(process.argv.slice(2), process.env, process.stderr);
