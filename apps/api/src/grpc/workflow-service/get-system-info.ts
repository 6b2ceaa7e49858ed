import packageJson from '../../../package.json' with { type: 'json' };
import { workflowRpc, type WorkflowRpc } from './workflow-rpc.ts';

/** What GetSystemInfo reports as `serverVersion`: the version of this api (plain semver, as Temporal's). */
export const serverVersion: string = packageJson.version;

/**
 * GetSystemInfo: the first call of every SDK connection (`Connection.connect` fails on anything but
 * success or UNIMPLEMENTED). Capabilities tell SDKs which optional behaviours they may rely on, so only
 * what Kairos really does may be declared. Today none is:
 * - signalAndQueryHeader, upsertMemo, eagerWorkflowStart, sdkMetadata, encodedFailureAttributes,
 *   activityFailureIncludeHeartbeat: need the workflow engine (later slices of issue 3).
 * - internalErrorDifferentiation: would tell clients not to retry INTERNAL; a database outage still
 *   surfaces as INTERNAL rather than UNAVAILABLE, so clients must keep retrying it.
 * - supportsSchedules, buildIdBasedVersioning, countGroupByExecutionStatus, nexus,
 *   serverScaledDeployments: not built.
 * Unset booleans decode as false, which is what an SDK assumes of an older server.
 */
export function getSystemInfo(): WorkflowRpc<'GetSystemInfo'> {
  return workflowRpc('GetSystemInfo', {
    validate: () => undefined,
    handle: async () => ({ serverVersion, capabilities: {} }),
  });
}
