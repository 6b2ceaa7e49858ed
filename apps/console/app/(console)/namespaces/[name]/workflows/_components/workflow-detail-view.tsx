'use client';

import Link from 'next/link';
import { trpc } from '../../../../../../lib/trpc/browser-client.ts';
import { useApiQuery } from '../../../../../../lib/trpc/use-api-query.ts';
import { hasRole } from '../../../../../../lib/roles.ts';
import { useSession } from '../../../../../../components/shell/session-context.tsx';
import { FormAlert } from '../../../../../../components/ui/form-alert.tsx';
import { PageHeader, pageStyles } from '../../../../../../components/ui/page-header.tsx';
import { QueryView } from '../../../../../../components/ui/query-view.tsx';
import { AttributeList } from './attribute-list.tsx';
import { PayloadBlock } from './payload-block.tsx';
import { PendingActivities } from './pending-activities.tsx';
import { useHistoryEvents } from './use-history-events.ts';
import { WorkflowActions } from './workflow-actions.tsx';
import { WorkflowHistory } from './workflow-history.tsx';
import { WorkflowSummary } from './workflow-summary.tsx';

/** One run: summary, input and outcome, attributes, memo, pending activities, actions and history. */
export function WorkflowDetailView(props: { namespace: string; workflowId: string; runId: string }) {
  const { namespace, workflowId, runId } = props;
  const session = useSession();
  const run = useApiQuery(`describe:${namespace}:${workflowId}:${runId}`, () =>
    trpc.workflows.describe.query({ namespace, workflowId, runId }),
  );
  const history = useHistoryEvents({ namespace, workflowId, runId });
  const refresh = () => {
    run.reload();
    history.reload();
  };

  return (
    <div className={pageStyles.page}>
      <p>
        <Link href={`/namespaces/${encodeURIComponent(namespace)}/workflows`}>
          ← Workflows in {namespace}
        </Link>
      </p>
      <PageHeader title={workflowId} />
      <QueryView query={run} what={`workflow ${workflowId}`}>
        {(details) => (
          <>
            <section className={pageStyles.section} aria-labelledby="summary-heading">
              <h2 id="summary-heading">Summary</h2>
              <WorkflowSummary run={details} />
              {hasRole(session.role, 'developer') && (
                <WorkflowActions
                  {...props}
                  running={details.status === 'Running'}
                  events={history.events}
                  onChanged={refresh}
                />
              )}
            </section>
            <section className={pageStyles.section} aria-labelledby="input-heading">
              <h2 id="input-heading">Input</h2>
              <PayloadBlock payloads={details.input} label="Input" />
              {details.outcome && (
                <>
                  <h3>Outcome: {details.outcome.eventType}</h3>
                  {details.outcome.result && (
                    <PayloadBlock payloads={details.outcome.result} label="Result" />
                  )}
                  {details.outcome.failure && <pre>{details.outcome.failure}</pre>}
                  {details.outcome.reason && <p>Reason: {details.outcome.reason}</p>}
                </>
              )}
            </section>
            <section className={pageStyles.section} aria-labelledby="attributes-heading">
              <h2 id="attributes-heading">Search attributes</h2>
              <AttributeList fields={details.searchAttributes} empty="No search attributes." />
              <h3>Memo</h3>
              <AttributeList fields={details.memo} empty="No memo." />
            </section>
            <section className={pageStyles.section} aria-labelledby="activities-heading">
              <h2 id="activities-heading">Pending activities</h2>
              <PendingActivities activities={details.pendingActivities} />
            </section>
            <section className={pageStyles.section} aria-labelledby="history-heading">
              <h2 id="history-heading">History</h2>
              <FormAlert error={history.error} />
              <WorkflowHistory
                events={history.events}
                hasMore={history.hasMore}
                nowMs={details.closeTime ? Date.parse(details.closeTime) : Date.now()}
                onLoadMore={history.loadMore}
              />
            </section>
          </>
        )}
      </QueryView>
    </div>
  );
}
