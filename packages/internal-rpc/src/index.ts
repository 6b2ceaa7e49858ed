// @kairos/internal-rpc: process-to-process calls inside a Kairos cluster (history, matching), over
// HTTP/1.1 with V8-serialised bodies; domain errors keep their class across the hop.
export {
  serveInternalRpc,
  type InternalRpcHandler,
  type InternalRpcServer,
  type ServeInternalRpcOptions,
} from './serve-internal-rpc.ts';
export {
  createInternalRpcClient,
  type CallOptions,
  type InternalRpcClient,
  type InternalRpcClientOptions,
} from './internal-rpc-client.ts';
export { DEFAULT_MAX_BODY_BYTES } from './wire.ts';
