import type { EngineDependencies } from '../grpc/workflow-service/engine-rpc.ts';
import type { VisibilityDependencies } from './api-visibility.ts';

/** What the visibility rpcs need: namespaces by name (engineRpc) and the store. */
export type VisibilityRpcDependencies = EngineDependencies & { visibility: VisibilityDependencies };
