// Where the SQL visibility store keeps each search attribute (the table is described in the README):
// system attributes in typed columns, everything else in one `search_attributes jsonb` column keyed
// by canonical attribute name. Column names here are trusted configuration, never user input.

export interface SqlColumn {
  column: string;
  /** Open executions have no CloseTime/ExecutionDuration; top-level runs no parent. */
  nullable: boolean;
}

export interface SqlColumnLayout {
  /** System attribute name → column. */
  systemColumns: Readonly<Record<string, SqlColumn>>;
  /** jsonb object holding predefined and custom attributes; never SQL NULL, `{}` when empty. */
  searchAttributesColumn: string;
  /** Unique per namespace; the last sort key, so keyset paging never skips or repeats a row. */
  tiebreakColumn: string;
}

export const VISIBILITY_RECORDS_LAYOUT: SqlColumnLayout = {
  systemColumns: {
    WorkflowId: { column: 'workflow_id', nullable: false },
    RunId: { column: 'run_id', nullable: false },
    WorkflowType: { column: 'workflow_type', nullable: false },
    ExecutionStatus: { column: 'status', nullable: false },
    StartTime: { column: 'start_time', nullable: false },
    ExecutionTime: { column: 'execution_time', nullable: false },
    CloseTime: { column: 'close_time', nullable: true },
    ExecutionDuration: { column: 'execution_duration', nullable: true },
    TaskQueue: { column: 'task_queue', nullable: false },
    HistoryLength: { column: 'history_length', nullable: true },
    HistorySizeBytes: { column: 'history_size_bytes', nullable: true },
    StateTransitionCount: { column: 'state_transition_count', nullable: true },
    ParentWorkflowId: { column: 'parent_workflow_id', nullable: true },
    ParentRunId: { column: 'parent_run_id', nullable: true },
    RootWorkflowId: { column: 'root_workflow_id', nullable: true },
    RootRunId: { column: 'root_run_id', nullable: true },
  },
  searchAttributesColumn: 'search_attributes',
  tiebreakColumn: 'run_id',
};
