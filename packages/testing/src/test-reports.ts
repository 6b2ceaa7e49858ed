import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

/** Name of the JSON report every workspace's test runner writes next to its package.json. */
export const testReportFile = '.test-report.json';

export interface WorkspaceResult {
  workspace: string;
  passed: number;
  failed: number;
  skipped: number;
  /** Why the workspace counts as failed without a report to count from. */
  problem?: string;
}

const vitestReport = z.object({
  numPassedTests: z.number(),
  numFailedTests: z.number(),
  numPendingTests: z.number(),
  numTodoTests: z.number(),
  numFailedTestSuites: z.number(),
  /** false also when the runner failed outside any test (global setup, a config error). */
  success: z.boolean().optional(),
});
const playwrightReport = z.object({
  stats: z.object({ expected: z.number(), unexpected: z.number(), flaky: z.number(), skipped: z.number() }),
  errors: z.array(z.unknown()).default([]),
});

/** Counts one report written by vitest (`--reporter=json`) or Playwright (json reporter). */
export function countReport(workspace: string, report: unknown): WorkspaceResult {
  const vitest = vitestReport.safeParse(report);
  if (vitest.success) {
    const { numPassedTests, numFailedTests, numPendingTests, numTodoTests, numFailedTestSuites, success } =
      vitest.data;
    // A suite that fails to load has no failed tests but must still fail the run.
    const failed = numFailedTests + (numFailedTests === 0 ? numFailedTestSuites : 0);
    const result = { workspace, passed: numPassedTests, failed, skipped: numPendingTests + numTodoTests };
    if (failed === 0 && success === false)
      return { ...result, problem: 'the runner failed outside the tests (setup?)' };
    return numPassedTests + failed === 0 ? { ...result, problem: 'ran no tests' } : result;
  }
  const playwright = playwrightReport.safeParse(report);
  if (playwright.success) {
    const { expected, unexpected, flaky, skipped } = playwright.data.stats;
    const failed = unexpected + (unexpected === 0 ? playwright.data.errors.length : 0);
    const result = { workspace, passed: expected + flaky, failed, skipped };
    return result.passed + failed === 0 ? { ...result, problem: 'ran no tests' } : result;
  }
  return {
    workspace,
    passed: 0,
    failed: 0,
    skipped: 0,
    problem: 'report is neither vitest nor Playwright JSON',
  };
}

/**
 * Reads the report of every workspace that has a `test` script. A missing or stale report (older than
 * `sinceEpochSeconds`) is a failure: the runner crashed or never ran.
 */
export function collectWorkspaceResults(root: string, sinceEpochSeconds: number): WorkspaceResult[] {
  const results: WorkspaceResult[] = [];
  for (const group of ['apps', 'services', 'packages']) {
    const groupDir = join(root, group);
    if (!existsSync(groupDir)) continue;
    for (const name of readdirSync(groupDir).sort()) {
      const manifestPath = join(groupDir, name, 'package.json');
      if (!existsSync(manifestPath)) continue;
      const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { scripts?: Record<string, string> };
      if (!manifest.scripts?.test) continue;
      const workspace = `${group}/${name}`;
      const reportPath = join(groupDir, name, testReportFile);
      if (!existsSync(reportPath) || statSync(reportPath).mtimeMs / 1000 < sinceEpochSeconds) {
        results.push({ workspace, passed: 0, failed: 0, skipped: 0, problem: `no fresh ${testReportFile}` });
        continue;
      }
      results.push(countReport(workspace, JSON.parse(readFileSync(reportPath, 'utf8'))));
    }
  }
  return results;
}

/** True when the run is green: no failure, no skipped test, no missing report, at least one test. */
export function isGreen(results: WorkspaceResult[]): boolean {
  const passed = results.reduce((sum, result) => sum + result.passed, 0);
  return (
    passed > 0 && results.every((result) => result.failed === 0 && result.skipped === 0 && !result.problem)
  );
}
