import type { temporal } from '@kairos/proto';
import type { ListResult } from '@kairos/visibility';
import { toWorkflowExecutionInfo } from './execution-info.ts';

/**
 * A requested page size as Temporal's frontend takes it: 0 or negative means the default; the store
 * clamps large values to its maximum (1000) rather than refusing them.
 */
export function requestedPageSize(value: number | null | undefined): number {
  return value === null || value === undefined || value < 0 ? 0 : value;
}

/** The first page when the token is empty; Temporal's messages leave it as zero-length bytes. */
export function pageToken(value: Uint8Array | null | undefined): Uint8Array | undefined {
  return value !== null && value !== undefined && value.length > 0 ? value : undefined;
}

/** One store page as the list rpcs answer it. */
export function listPageResponse(page: ListResult): {
  executions: temporal.api.workflow.v1.IWorkflowExecutionInfo[];
  nextPageToken: Uint8Array;
} {
  return { executions: page.records.map(toWorkflowExecutionInfo), nextPageToken: page.nextPageToken };
}
