import { formatTime } from '../../../../../../lib/format-time.ts';
import { TableRegion, tableStyles } from '../../../../../../components/ui/table-region.tsx';
import type { WorkflowDescription } from './workflow-types.ts';

/** Activities scheduled or running now, with their attempt and last failure. */
export function PendingActivities({ activities }: { activities: WorkflowDescription['pendingActivities'] }) {
  if (activities.length === 0) return <p>No pending activities.</p>;
  return (
    <TableRegion label="Pending activities">
      <table className={tableStyles.table}>
        <thead>
          <tr>
            <th scope="col">Activity</th>
            <th scope="col">State</th>
            <th scope="col">Attempt</th>
            <th scope="col">Scheduled</th>
            <th scope="col">Last failure</th>
          </tr>
        </thead>
        <tbody>
          {activities.map((activity) => (
            <tr key={activity.activityId}>
              <th scope="row">
                {activity.activityType} <span>#{activity.activityId}</span>
              </th>
              <td>{activity.state}</td>
              <td>
                {activity.attempt}
                {activity.maximumAttempts > 0 ? ` of ${activity.maximumAttempts}` : ''}
              </td>
              <td className={tableStyles.time}>{formatTime(activity.scheduledTime)}</td>
              <td className={tableStyles.wrap}>{activity.lastFailure ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableRegion>
  );
}
