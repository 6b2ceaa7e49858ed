import { mkdirSync, mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { collectWorkspaceResults, countReport, isGreen, testReportFile } from './test-reports.ts';

const vitestJson = (passed: number, failed: number, pending = 0, failedSuites = 0) => ({
  numPassedTests: passed,
  numFailedTests: failed,
  numPendingTests: pending,
  numTodoTests: 0,
  numFailedTestSuites: failedSuites,
});

describe('countReport', () => {
  it('counts vitest reports, including suites that failed to load', () => {
    expect(countReport('a', vitestJson(5, 1))).toMatchObject({ passed: 5, failed: 1, skipped: 0 });
    expect(countReport('a', vitestJson(0, 0, 0, 2))).toMatchObject({ failed: 2 });
    expect(countReport('a', vitestJson(3, 0, 2))).toMatchObject({ skipped: 2 });
  });

  it('counts Playwright reports, flaky as passed and global errors as failures', () => {
    expect(
      countReport('c', { stats: { expected: 4, unexpected: 0, flaky: 1, skipped: 0 }, errors: [] }),
    ).toMatchObject({ passed: 5, failed: 0 });
    expect(
      countReport('c', { stats: { expected: 0, unexpected: 0, flaky: 0, skipped: 0 }, errors: [{}] }),
    ).toMatchObject({ failed: 1 });
  });

  it('fails a workspace whose runner failed before any test, or that ran none', () => {
    expect(countReport('db', { ...vitestJson(0, 0), success: false }).problem).toMatch(
      /failed outside the tests/,
    );
    expect(countReport('db', { ...vitestJson(0, 0), success: true }).problem).toBe('ran no tests');
    expect(
      countReport('c', { stats: { expected: 0, unexpected: 0, flaky: 0, skipped: 0 }, errors: [] }).problem,
    ).toBe('ran no tests');
  });

  it('flags a report it cannot read', () => {
    expect(countReport('x', { hello: 1 }).problem).toMatch(/neither vitest nor Playwright/);
  });
});

describe('collectWorkspaceResults', () => {
  function workspace(root: string, path: string, withTestScript: boolean, report?: unknown, ageSeconds = 0) {
    mkdirSync(join(root, path), { recursive: true });
    writeFileSync(
      join(root, path, 'package.json'),
      JSON.stringify({ scripts: withTestScript ? { test: 'x' } : {} }),
    );
    if (report !== undefined) {
      const file = join(root, path, testReportFile);
      writeFileSync(file, JSON.stringify(report));
      const when = Date.now() / 1000 - ageSeconds;
      utimesSync(file, when, when);
    }
  }

  it('fails workspaces whose report is missing or older than the run', () => {
    const root = mkdtempSync(join(tmpdir(), 'kairos-reports-'));
    workspace(root, 'packages/good', true, vitestJson(3, 0));
    workspace(root, 'packages/stale', true, vitestJson(3, 0), 3_600);
    workspace(root, 'apps/missing', true);
    workspace(root, 'services/untested', false);
    const results = collectWorkspaceResults(root, Date.now() / 1000 - 60);
    expect(results.map((r) => [r.workspace, r.problem])).toEqual([
      ['apps/missing', `no fresh ${testReportFile}`],
      ['packages/good', undefined],
      ['packages/stale', `no fresh ${testReportFile}`],
    ]);
    expect(isGreen(results)).toBe(false);
    expect(isGreen(results.filter((r) => r.workspace === 'packages/good'))).toBe(true);
  });

  it('is not green when nothing ran or something was skipped', () => {
    expect(isGreen([])).toBe(false);
    expect(isGreen([{ workspace: 'a', passed: 2, failed: 0, skipped: 1 }])).toBe(false);
  });
});
