// @kairos/matching: task queues — backlog, long polls, sync match, legacy query dispatch. Other
// packages use startMatchingService (here) and the MatchingClient interface (./client.ts).
export type { MatchingClient, NamespaceRef } from './client.ts';
export { MatchingEngine, type MatchingEngineOptions } from './matching-engine.ts';
export {
  startMatchingService,
  type MatchingService,
  type MatchingServiceOptions,
} from './matching-service.ts';
export { RemoteMatchingClient, type RemoteMatchingClientOptions } from './remote-matching-client.ts';
