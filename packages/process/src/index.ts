// @kairos/process: what every process entry (api, history, matching, embedded) shares — ordered
// start/stop with signal handling, and telemetry started from the config.
export { Lifecycle } from './lifecycle.ts';
export { startProcessTelemetry } from './process-telemetry.ts';
