import packageJson from '../../../package.json' with { type: 'json' };
import { workflowRpc, type WorkflowRpc } from './workflow-rpc.ts';

/** What GetSystemInfo reports as `serverVersion`: the version of this api (plain semver, as Temporal's). */
export const serverVersion: string = packageJson.version;

/**
 * GetSystemInfo: the first call of every SDK connection (`Connection.connect` fails on anything but
 * success or UNIMPLEMENTED). Capabilities tell SDKs which optional behaviours they may rely on, so only
 * what Kairos really does is declared:
 * - signalAndQueryHeader: signal headers are stored in WorkflowExecutionSignaled and query headers
 *   travel with the legacy query task.
 * - sdkMetadata: WorkflowTaskCompleted keeps the SDK's metadata (its replay flags) for later replays.
 * - encodedFailureAttributes: failures are stored and returned as the SDK sent them.
 * - activityFailureIncludeHeartbeat: RespondActivityTaskFailed's last heartbeat details are kept for
 *   the next attempt.
 * - upsertMemo: ModifyWorkflowProperties is applied.
 * Not declared: internalErrorDifferentiation (a database outage still surfaces as INTERNAL, so clients
 * must keep retrying it), eagerWorkflowStart, supportsSchedules, buildIdBasedVersioning,
 * countGroupByExecutionStatus, nexus, serverScaledDeployments (not built).
 */
export function getSystemInfo(): WorkflowRpc<'GetSystemInfo'> {
  return workflowRpc('GetSystemInfo', {
    validate: () => undefined,
    handle: async () => ({
      serverVersion,
      capabilities: {
        signalAndQueryHeader: true,
        sdkMetadata: true,
        encodedFailureAttributes: true,
        activityFailureIncludeHeartbeat: true,
        upsertMemo: true,
      },
    }),
  });
}
