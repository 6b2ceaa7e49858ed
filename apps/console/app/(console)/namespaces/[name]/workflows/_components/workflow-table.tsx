import Link from 'next/link';
import { formatTime } from '../../../../../../lib/format-time.ts';
import { TableRegion, tableStyles } from '../../../../../../components/ui/table-region.tsx';
import { StatusBadge } from '../../../../../../components/workflows/status-badge.tsx';
import { cellText } from './workflow-columns.ts';
import { workflowPath, type WorkflowRow } from './workflow-types.ts';

function Cell({ row, column }: { row: WorkflowRow; column: string }) {
  if (column === 'ExecutionStatus') return <StatusBadge status={row.status} />;
  if (column === 'StartTime') return <>{formatTime(row.startTime)}</>;
  if (column === 'CloseTime') return <>{formatTime(row.closeTime)}</>;
  return <>{cellText(row, column)}</>;
}

/** One page of runs; the workflow id links to the run's page. */
export function WorkflowTable(props: { namespace: string; rows: WorkflowRow[]; columns: readonly string[] }) {
  return (
    <TableRegion label="Workflows">
      <table className={tableStyles.table}>
        <thead>
          <tr>
            <th scope="col">Workflow ID</th>
            {props.columns.map((column) => (
              <th key={column} scope="col">
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {props.rows.map((row) => (
            <tr key={row.runId} data-testid="workflow-row">
              <th scope="row" className={tableStyles.wrap}>
                <Link href={workflowPath(props.namespace, row.workflowId, row.runId)}>{row.workflowId}</Link>
              </th>
              {props.columns.map((column) => (
                <td key={column} className={column.endsWith('Time') ? tableStyles.time : tableStyles.wrap}>
                  <Cell row={row} column={column} />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </TableRegion>
  );
}
