// Prints one line per workspace and the closing "N passed, N failed" line over the whole suite.
// Exits 1 when anything failed, was skipped, or left no report. Used by infra/test (npm test).
import { fileURLToPath } from 'node:url';
import { collectWorkspaceResults, isGreen } from '../test-reports.ts';

const sinceIndex = process.argv.indexOf('--since');
const since = sinceIndex > 0 ? Number(process.argv[sinceIndex + 1]) : 0;
const root = fileURLToPath(new URL('../../../../', import.meta.url));
const results = collectWorkspaceResults(root, since);

for (const result of results) {
  const detail = result.problem
    ? ` (${result.problem})`
    : result.skipped > 0
      ? ` (${result.skipped} skipped: not allowed)`
      : '';
  console.log(`  ${result.workspace}: ${result.passed} passed, ${result.failed} failed${detail}`);
}
const passed = results.reduce((sum, result) => sum + result.passed, 0);
const failed = results.reduce((sum, result) => sum + result.failed + (result.problem ? 1 : 0), 0);
const skipped = results.reduce((sum, result) => sum + result.skipped, 0);
console.log(`${passed} passed, ${failed} failed` + (skipped > 0 ? `, ${skipped} skipped` : ''));
process.exit(isGreen(results) ? 0 : 1);
