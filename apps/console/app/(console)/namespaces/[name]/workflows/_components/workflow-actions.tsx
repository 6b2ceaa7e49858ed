'use client';

import { useState } from 'react';
import { trpc } from '../../../../../../lib/trpc/browser-client.ts';
import { TextField } from '../../../../../../components/ui/text-field.tsx';
import formStyles from '../../../../../../components/ui/form.module.css';
import { WorkflowAction } from './workflow-action.tsx';
import { workflowPath, type HistoryEvent } from './workflow-types.ts';
import styles from './workflows.module.css';

/** Signal, cancel, terminate and reset, each confirmed in a dialog (developer role and up). */
export function WorkflowActions(props: {
  namespace: string;
  workflowId: string;
  runId: string;
  running: boolean;
  events: HistoryEvent[];
  onChanged(): void;
}) {
  const run = { namespace: props.namespace, workflowId: props.workflowId, runId: props.runId };
  const [signalName, setSignalName] = useState('');
  const [signalInput, setSignalInput] = useState('');
  const [cancelReason, setCancelReason] = useState('');
  const [terminateReason, setTerminateReason] = useState('');
  const [resetReason, setResetReason] = useState('');
  const resetPoints = props.events.filter((event) => event.type === 'WorkflowTaskCompleted');
  const [resetTo, setResetTo] = useState('');

  return (
    <div className={styles.actions}>
      {props.running && (
        <WorkflowAction
          label="Signal…"
          title={`Signal ${props.workflowId}?`}
          confirmLabel="Send signal"
          call={() =>
            trpc.workflows.signal.mutate({
              ...run,
              signalName,
              ...(signalInput.trim() === '' ? {} : { input: signalInput }),
            })
          }
          onDone={props.onChanged}
        >
          <TextField
            label="Signal name"
            name="signalName"
            value={signalName}
            onChange={(e) => setSignalName(e.target.value)}
          />
          <div className={formStyles.field}>
            <label className={formStyles.label} htmlFor="signal-input">
              Input (JSON, optional)
            </label>
            <textarea
              id="signal-input"
              className={formStyles.input}
              rows={4}
              value={signalInput}
              onChange={(e) => setSignalInput(e.target.value)}
            />
          </div>
        </WorkflowAction>
      )}
      {props.running && (
        <WorkflowAction
          label="Cancel…"
          title={`Request cancellation of ${props.workflowId}?`}
          confirmLabel="Request cancellation"
          call={() => trpc.workflows.cancel.mutate({ ...run, reason: cancelReason })}
          onDone={props.onChanged}
        >
          <p>The workflow is asked to cancel; its code decides how it ends.</p>
          <TextField
            label="Reason"
            name="reason"
            value={cancelReason}
            onChange={(e) => setCancelReason(e.target.value)}
          />
        </WorkflowAction>
      )}
      {props.running && (
        <WorkflowAction
          label="Terminate…"
          title={`Terminate ${props.workflowId}?`}
          confirmLabel="Terminate workflow"
          call={() => trpc.workflows.terminate.mutate({ ...run, reason: terminateReason })}
          onDone={props.onChanged}
        >
          <p>The run ends at once; no workflow code runs. This cannot be undone.</p>
          <TextField
            label="Reason"
            name="reason"
            value={terminateReason}
            onChange={(e) => setTerminateReason(e.target.value)}
          />
        </WorkflowAction>
      )}
      {resetPoints.length > 0 && (
        <WorkflowAction
          label="Reset…"
          title={`Reset ${props.workflowId}?`}
          confirmLabel="Reset workflow"
          call={() =>
            trpc.workflows.reset.mutate({
              ...run,
              reason: resetReason,
              workflowTaskFinishEventId: Number(resetTo || resetPoints[0]?.eventId),
            })
          }
          onDone={(output) =>
            window.location.assign(workflowPath(props.namespace, props.workflowId, output.runId))
          }
        >
          <p>
            A new run replays the history up to the chosen workflow task; the current run, if open, is
            terminated.
          </p>
          <div className={formStyles.field}>
            <label className={formStyles.label} htmlFor="reset-point">
              Reset to
            </label>
            <select
              id="reset-point"
              className={formStyles.input}
              value={resetTo || String(resetPoints[0]?.eventId ?? '')}
              onChange={(e) => setResetTo(e.target.value)}
            >
              {resetPoints.map((event) => (
                <option key={event.eventId} value={event.eventId}>
                  Event {event.eventId}: WorkflowTaskCompleted
                </option>
              ))}
            </select>
          </div>
          <TextField
            label="Reason"
            name="reason"
            value={resetReason}
            onChange={(e) => setResetReason(e.target.value)}
          />
        </WorkflowAction>
      )}
    </div>
  );
}
