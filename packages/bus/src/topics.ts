/** Topic names of ARCHITECTURE.md's bus table; keys are given where each producer publishes. */
export const topics = {
  /** history outbox → matching; key namespace/taskQueue */
  tasks: 'kairos.tasks',
  /** history outbox → visibility indexer; key namespace/workflowId */
  visibility: 'kairos.visibility',
  /** visibility indexer → operators: changes it could never index (headers name the error); same key */
  visibilityDeadLetter: 'kairos.visibility.dead-letter',
  /** history outbox → replicator of another region; key namespace/workflowId */
  replication: (region: string) => `kairos.replication.${region}`,
  /** history outbox → every history process (one group): child, signal and cancel work across shards; key namespace/workflowId of the execution that acts */
  historyTransfer: 'kairos.history.transfer',
  /** api/history → worker (metering); key namespace */
  usage: 'kairos.usage',
} as const;
