import { formatTime } from '../../../../../../lib/format-time.ts';
import namespaceStyles from '../../../../../../components/namespaces/namespaces.module.css';
import { StatusBadge } from '../../../../../../components/workflows/status-badge.tsx';
import type { WorkflowDescription } from './workflow-types.ts';

/** The run's facts at a glance. */
export function WorkflowSummary({ run }: { run: WorkflowDescription }) {
  const facts: [string, string][] = [
    ['Type', run.workflowType],
    ['Task queue', run.taskQueue],
    ['Started', formatTime(run.startTime)],
    ['Closed', formatTime(run.closeTime)],
    ['History length', String(run.historyLength)],
    ['Run ID', run.runId],
  ];
  return (
    <dl className={namespaceStyles.facts}>
      <div>
        <dt>Status</dt>
        <dd>
          <StatusBadge status={run.status} />
        </dd>
      </div>
      {facts.map(([label, value]) => (
        <div key={label}>
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
