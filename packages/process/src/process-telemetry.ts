import type { Config } from '@kairos/config';
import { startTelemetry, type Telemetry } from '@kairos/telemetry';
import { Lifecycle } from './lifecycle.ts';

type TelemetryConfig = Config<
  'KAIROS_LOG_LEVEL' | 'KAIROS_METRICS_PORT' | 'OTEL_EXPORTER_OTLP_ENDPOINT' | 'KAIROS_GRPC_HOST'
>;

/**
 * The start every process entry shares: telemetry from the config (metrics on the process's host,
 * KAIROS_METRICS_PORT=0 turning them off) and a Lifecycle that will shut telemetry down last.
 */
export async function startProcessTelemetry(
  serviceName: string,
  config: TelemetryConfig,
): Promise<{ telemetry: Telemetry; lifecycle: Lifecycle }> {
  const telemetry = await startTelemetry({
    serviceName,
    logLevel: config.KAIROS_LOG_LEVEL,
    metrics:
      config.KAIROS_METRICS_PORT === 0
        ? false
        : { host: config.KAIROS_GRPC_HOST, port: config.KAIROS_METRICS_PORT },
    otlpEndpoint: config.OTEL_EXPORTER_OTLP_ENDPOINT,
  });
  const lifecycle = new Lifecycle(telemetry.logger);
  await lifecycle.start(
    'telemetry',
    async () => telemetry,
    (part) => part.shutdown(),
  );
  return { telemetry, lifecycle };
}
