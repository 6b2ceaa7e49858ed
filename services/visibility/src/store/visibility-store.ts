import type { CustomSearchAttributes, ExecutionStatusName, SearchAttributeType } from '../query/index.ts';

// The visibility store port: what the indexer writes and what List/Count/ScanWorkflowExecutions read.
// Two implementations (postgres-visibility-store.ts for embedded mode, opensearch-visibility-store.ts
// for cluster mode) pass the one suite in visibility-store.contract.ts; nothing outside knows which
// one it has.

/** A search attribute value with its type, so a store can index it without asking a registry. */
export type SearchAttributeValue =
  | { type: 'Keyword'; value: string }
  | { type: 'Text'; value: string }
  /** int64, exact. */
  | { type: 'Int'; value: bigint }
  | { type: 'Double'; value: number }
  | { type: 'Bool'; value: boolean }
  /** RFC 3339; stores keep it normalised to UTC (`2024-01-05T00:00:00.5Z`). */
  | { type: 'Datetime'; value: string }
  /** An empty list is the same as no value (stores drop it, so `IS NULL` matches). */
  | { type: 'KeywordList'; value: string[] };

export interface VisibilityRecord {
  namespaceId: string;
  workflowId: string;
  runId: string;
  workflowType: string;
  status: ExecutionStatusName;
  startTime: Date;
  executionTime: Date;
  /** Null while the run is open. */
  closeTime: Date | null;
  /** Nanoseconds from start (execution time) to close; null while open. */
  executionDuration: bigint | null;
  taskQueue: string;
  historyLength: number;
  historySizeBytes: number;
  stateTransitionCount: number;
  parentWorkflowId: string | null;
  parentRunId: string | null;
  rootWorkflowId: string | null;
  rootRunId: string | null;
  /** An encoded `temporal.api.common.v1.Memo`, stored and returned as is. */
  memo: Uint8Array;
  /**
   * Predefined (`TemporalChangeVersion`, `BuildIds`, …) and custom attributes by canonical name. A
   * predefined name must carry its predefined type; system attribute names are not allowed here.
   */
  searchAttributes: Record<string, SearchAttributeValue>;
  /**
   * Monotonic per run (the execution's db_version when the record was produced). A record whose
   * version is not above the stored one is ignored: the bus delivers at least once and out of order.
   */
  version: bigint;
}

export interface ListRequest {
  namespaceId: string;
  /** Temporal's list filter (`WorkflowType = 'x' ORDER BY StartTime`); empty lists everything. */
  query: string;
  /** 1–1000; 0 means the default (1000), larger values are clamped, as Temporal does. */
  pageSize: number;
  /** From the previous page of the same namespace and query; empty or absent for the first page. */
  pageToken?: Uint8Array;
  /** The namespace's custom search attributes; the store reads its registry when absent. */
  customAttributes?: CustomSearchAttributes;
}

export interface ListResult {
  records: VisibilityRecord[];
  /** Empty when this was the last page. */
  nextPageToken: Uint8Array;
}

export interface CountRequest {
  namespaceId: string;
  /** A list filter without ORDER BY; may end in `GROUP BY ExecutionStatus`. */
  query: string;
  customAttributes?: CustomSearchAttributes;
}

export interface CountGroup {
  /** The group's values, one per GROUP BY attribute (the status name for ExecutionStatus). */
  values: string[];
  count: number;
}

export interface CountResult {
  count: number;
  /** With GROUP BY: one entry per non-empty group, largest first (ties by value). */
  groups: CountGroup[];
}

/** Where a store reads a namespace's custom attributes when a request does not carry them. */
export interface CustomAttributeSource {
  list(namespaceId: string): Promise<CustomSearchAttributes>;
}

export interface VisibilityStore {
  /** Idempotent and order-insensitive per run: the highest version wins. */
  upsert(records: readonly VisibilityRecord[]): Promise<void>;
  /** Retention: forgets the run; a no-op when it is not there. */
  deleteRun(namespaceId: string, workflowId: string, runId: string): Promise<void>;
  /**
   * One page in Temporal's default order (open runs first, then CloseTime desc, StartTime desc, run
   * id) or the filter's ORDER BY. Page tokens hold the last row's sort values (keyset), so rows
   * written between pages neither repeat nor push others out. Malformed filters and tokens throw
   * InvalidArgument (`query: invalid query: … at position N`, `next_page_token: …`).
   */
  list(request: ListRequest): Promise<ListResult>;
  /** ScanWorkflowExecutions: like list, without an ordering guarantee. */
  scan(request: ListRequest): Promise<ListResult>;
  count(request: CountRequest): Promise<CountResult>;
  close(): Promise<void>;
}

/** Page sizes as Temporal treats them (`frontend.visibilityMaxPageSize`). */
export const DEFAULT_PAGE_SIZE = 1000;
export const MAX_PAGE_SIZE = 1000;

export type { SearchAttributeType };
