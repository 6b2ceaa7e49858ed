export {
  collectWorkspaceResults,
  countReport,
  isGreen,
  testReportFile,
  type WorkspaceResult,
} from './test-reports.ts';
