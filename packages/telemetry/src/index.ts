export { startTelemetry, type Telemetry, type TelemetryOptions } from './telemetry.ts';
export { createLogger, type Logger } from './logger.ts';
