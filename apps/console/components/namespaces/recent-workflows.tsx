'use client';

import { trpc } from '../../lib/trpc/browser-client.ts';
import { useApiQuery } from '../../lib/trpc/use-api-query.ts';
import { formatTime } from '../../lib/format-time.ts';
import { pageStyles } from '../ui/page-header.tsx';
import { QueryView } from '../ui/query-view.tsx';
import { TableRegion, tableStyles } from '../ui/table-region.tsx';
import { StatusBadge } from '../workflows/status-badge.tsx';
import styles from './namespaces.module.css';

/** The namespace's latest runs, newest first; "Refresh" asks again without reloading the page. */
export function RecentWorkflows({ namespace }: { namespace: string }) {
  const workflows = useApiQuery(`recent:${namespace}`, () =>
    trpc.namespaces.recentWorkflows.query({ name: namespace, limit: 20 }),
  );
  return (
    <section className={pageStyles.section} aria-labelledby="recent-heading">
      <div className={styles.headerRow}>
        <h2 id="recent-heading">Recent workflows</h2>
        <button type="button" className="button" onClick={workflows.reload}>
          Refresh
        </button>
      </div>
      <QueryView query={workflows} what="recent workflows">
        {(list) =>
          list.length === 0 ? (
            <p className={pageStyles.empty}>No workflows have run in this namespace yet.</p>
          ) : (
            <TableRegion label="Recent workflows">
              <table className={tableStyles.table}>
                <thead>
                  <tr>
                    <th scope="col">Workflow ID</th>
                    <th scope="col">Type</th>
                    <th scope="col">Status</th>
                    <th scope="col">Task queue</th>
                    <th scope="col">Started</th>
                    <th scope="col">Closed</th>
                  </tr>
                </thead>
                <tbody>
                  {list.map((run) => (
                    <tr key={run.runId} data-testid="recent-workflow">
                      <th scope="row" className={tableStyles.wrap}>
                        {run.workflowId}
                        <br />
                        <span className={pageStyles.muted}>run {run.runId}</span>
                      </th>
                      <td className={tableStyles.nowrap}>{run.workflowType}</td>
                      <td>
                        <StatusBadge status={run.status} />
                      </td>
                      <td className={tableStyles.nowrap}>{run.taskQueue}</td>
                      <td className={tableStyles.nowrap}>{formatTime(run.startTime)}</td>
                      <td className={tableStyles.nowrap}>{formatTime(run.closeTime)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableRegion>
          )
        }
      </QueryView>
    </section>
  );
}
