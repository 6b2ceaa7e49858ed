// The search attributes a list filter can name, with Temporal's types. System attributes are columns
// of every visibility record; predefined ones are set by the server or SDKs (schedules, versioning,
// batch jobs) and stored with the custom ones; custom ones are registered per namespace.

export const SEARCH_ATTRIBUTE_TYPES = [
  'Keyword',
  'Text',
  'Int',
  'Double',
  'Bool',
  'Datetime',
  'KeywordList',
] as const;
export type SearchAttributeType = (typeof SEARCH_ATTRIBUTE_TYPES)[number];

export type SearchAttributeKind = 'system' | 'predefined' | 'custom';

export interface SearchAttribute {
  /** The canonical name, as stored (e.g. `TemporalSchedulePaused` even when written `SchedulePaused`). */
  name: string;
  type: SearchAttributeType;
  kind: SearchAttributeKind;
}

/** Temporal's system search attributes (server `sadefs.system`), each a column of the record. */
export const SYSTEM_SEARCH_ATTRIBUTES: Readonly<Record<string, SearchAttributeType>> = {
  WorkflowId: 'Keyword',
  RunId: 'Keyword',
  WorkflowType: 'Keyword',
  StartTime: 'Datetime',
  ExecutionTime: 'Datetime',
  CloseTime: 'Datetime',
  ExecutionStatus: 'Keyword',
  TaskQueue: 'Keyword',
  HistoryLength: 'Int',
  ExecutionDuration: 'Int',
  StateTransitionCount: 'Int',
  HistorySizeBytes: 'Int',
  ParentWorkflowId: 'Keyword',
  ParentRunId: 'Keyword',
  RootWorkflowId: 'Keyword',
  RootRunId: 'Keyword',
};

/** Temporal's predefined search attributes that users may filter on (server `sadefs.predefined`). */
export const PREDEFINED_SEARCH_ATTRIBUTES: Readonly<Record<string, SearchAttributeType>> = {
  TemporalChangeVersion: 'KeywordList',
  BinaryChecksums: 'KeywordList',
  BuildIds: 'KeywordList',
  BatcherNamespace: 'Keyword',
  BatcherUser: 'Keyword',
  TemporalScheduledStartTime: 'Datetime',
  TemporalScheduledById: 'Keyword',
  TemporalSchedulePaused: 'Bool',
  TemporalNamespaceDivision: 'Keyword',
  TemporalPauseInfo: 'KeywordList',
  TemporalReportedProblems: 'KeywordList',
  TemporalWorkerDeploymentVersion: 'Keyword',
  TemporalWorkflowVersioningBehavior: 'Keyword',
  TemporalWorkerDeployment: 'Keyword',
  TemporalUsedWorkerDeploymentVersions: 'KeywordList',
  TemporalWorkerVersioningRampThreshold: 'Double',
  TemporalExternalPayloadCount: 'Int',
  TemporalExternalPayloadSizeBytes: 'Int',
};

/** Names that look like attributes but are record internals; Temporal refuses them in filters. */
export const RESERVED_NAMES: ReadonlySet<string> = new Set([
  'NamespaceId',
  'Memo',
  'MemoEncoding',
  'VisibilityTaskKey',
]);

const RESERVED_PREFIX = 'Temporal';

/** Custom attributes of one namespace: name → type. */
export type CustomSearchAttributes = Readonly<Record<string, SearchAttributeType>>;

/**
 * Looks a name up the way Temporal (1.30+) does. Names are case-sensitive. System and predefined
 * names come first (a namespace cannot register them); then the namespace's custom attributes; then
 * `X` as an alias of the predefined `TemporalX` (`SchedulePaused`), which a custom `X` shadows.
 */
export function resolveSearchAttribute(
  name: string,
  custom: CustomSearchAttributes,
): SearchAttribute | undefined {
  if (RESERVED_NAMES.has(name)) return undefined;
  const systemType = Object.hasOwn(SYSTEM_SEARCH_ATTRIBUTES, name)
    ? SYSTEM_SEARCH_ATTRIBUTES[name]
    : undefined;
  if (systemType !== undefined) return { name, type: systemType, kind: 'system' };
  const predefined = lookUpPredefined(name);
  if (predefined !== undefined) return predefined;
  const customType = Object.hasOwn(custom, name) ? custom[name] : undefined;
  if (customType !== undefined) return { name, type: customType, kind: 'custom' };
  return lookUpPredefined(RESERVED_PREFIX + name);
}

function lookUpPredefined(name: string): SearchAttribute | undefined {
  const type = Object.hasOwn(PREDEFINED_SEARCH_ATTRIBUTES, name)
    ? PREDEFINED_SEARCH_ATTRIBUTES[name]
    : undefined;
  return type === undefined ? undefined : { name, type, kind: 'predefined' };
}

/** Temporal's workflow execution status names, as filters spell them, by enum number. */
export const EXECUTION_STATUS_NAMES = [
  'Running',
  'Completed',
  'Failed',
  'Canceled',
  'Terminated',
  'ContinuedAsNew',
  'TimedOut',
] as const;
export type ExecutionStatusName = (typeof EXECUTION_STATUS_NAMES)[number];
