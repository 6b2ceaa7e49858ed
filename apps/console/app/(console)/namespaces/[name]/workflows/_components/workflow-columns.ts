import type { WorkflowRow } from './workflow-types.ts';

/** Columns of the list: the record's own fields by their search attribute names, then any attribute. */
export const SYSTEM_COLUMNS = [
  'WorkflowType',
  'ExecutionStatus',
  'RunId',
  'TaskQueue',
  'StartTime',
  'CloseTime',
  'HistoryLength',
] as const;

export const DEFAULT_COLUMNS: readonly string[] = [
  'WorkflowType',
  'ExecutionStatus',
  'StartTime',
  'CloseTime',
];

/** The cell text of a column that is not rendered specially (status and times are). */
export function cellText(row: WorkflowRow, column: string): string {
  switch (column) {
    case 'WorkflowType':
      return row.workflowType;
    case 'RunId':
      return row.runId;
    case 'TaskQueue':
      return row.taskQueue;
    case 'HistoryLength':
      return String(row.historyLength);
    default: {
      const value = row.searchAttributes[column];
      if (value === undefined) return '—';
      return Array.isArray(value) ? value.join(', ') : String(value);
    }
  }
}
