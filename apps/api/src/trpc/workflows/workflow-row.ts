import type { SearchAttributeValue, VisibilityRecord } from '@kairos/visibility';

/** A search attribute value as JSON carries it (Int beyond 2^53 stays exact as a string). */
export type AttributeValueView = string | number | boolean | string[];

/** One run as the workflow list shows it. */
export interface WorkflowRow {
  workflowId: string;
  runId: string;
  workflowType: string;
  status: string;
  startTime: string;
  executionTime: string;
  closeTime: string | null;
  taskQueue: string;
  historyLength: number;
  /** Predefined and custom attributes by name; the console picks the columns it shows. */
  searchAttributes: Record<string, AttributeValueView>;
}

export function attributeValueView(attribute: SearchAttributeValue): AttributeValueView {
  if (attribute.type !== 'Int') return attribute.value;
  const asNumber = Number(attribute.value);
  return Number.isSafeInteger(asNumber) ? asNumber : attribute.value.toString();
}

export function toWorkflowRow(record: VisibilityRecord): WorkflowRow {
  return {
    workflowId: record.workflowId,
    runId: record.runId,
    workflowType: record.workflowType,
    status: record.status,
    startTime: record.startTime.toISOString(),
    executionTime: record.executionTime.toISOString(),
    closeTime: record.closeTime ? record.closeTime.toISOString() : null,
    taskQueue: record.taskQueue,
    historyLength: record.historyLength,
    searchAttributes: Object.fromEntries(
      Object.entries(record.searchAttributes).map(([name, value]) => [name, attributeValueView(value)]),
    ),
  };
}
