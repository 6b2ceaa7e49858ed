/** Topic names of ARCHITECTURE.md's bus table; keys are given where each producer publishes. */
export const topics = {
  /** history outbox → matching; key namespace/taskQueue */
  tasks: 'kairos.tasks',
  /** history outbox → visibility indexer; key namespace/workflowId */
  visibility: 'kairos.visibility',
  /** history outbox → replicator of another region; key namespace/workflowId */
  replication: (region: string) => `kairos.replication.${region}`,
  /** api/history → worker (metering); key namespace */
  usage: 'kairos.usage',
} as const;
