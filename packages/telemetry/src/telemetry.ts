import { metrics, trace, type Meter, type Tracer } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { PrometheusExporter } from '@opentelemetry/exporter-prometheus';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { NodeSDK } from '@opentelemetry/sdk-node';
import { ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';
import type { DestinationStream, LevelWithSilent } from 'pino';
import { createLogger, type Logger } from './logger.ts';
import { startMetricsServer } from './metrics-server.ts';

export interface TelemetryOptions {
  /** e.g. `kairos-api`; appears in every log line, span and metric. */
  serviceName: string;
  logLevel: LevelWithSilent;
  /** Where to serve Prometheus `GET /metrics`; `false` serves nothing (metrics stay in-process). */
  metrics: { host: string; port: number } | false;
  /** OTLP/HTTP collector base URL for traces; without it spans are created but not exported. */
  otlpEndpoint?: string | undefined;
  logDestination?: DestinationStream;
}

export interface Telemetry {
  logger: Logger;
  meter: Meter;
  tracer: Tracer;
  /** Where Prometheus can scrape this process, when metrics are served. */
  metricsUrl: string | undefined;
  shutdown(): Promise<void>;
}

/** Boots OpenTelemetry (traces, metrics) and the JSON logger for one process. Call once, first. */
export async function startTelemetry(options: TelemetryOptions): Promise<Telemetry> {
  const prometheus = new PrometheusExporter({ preventServerStart: true });
  const sdk = new NodeSDK({
    resource: resourceFromAttributes({ [ATTR_SERVICE_NAME]: options.serviceName }),
    metricReader: prometheus,
    ...(options.otlpEndpoint
      ? { traceExporter: new OTLPTraceExporter({ url: new URL('/v1/traces', options.otlpEndpoint).href }) }
      : { spanProcessors: [] }),
    instrumentations: [],
  });
  sdk.start();
  const metricsServer = options.metrics ? await startMetricsServer(prometheus, options.metrics) : undefined;
  const logger = createLogger({
    service: options.serviceName,
    level: options.logLevel,
    ...(options.logDestination ? { destination: options.logDestination } : {}),
  });
  return {
    logger,
    meter: metrics.getMeter(options.serviceName),
    tracer: trace.getTracer(options.serviceName),
    metricsUrl: metricsServer?.url,
    async shutdown() {
      await metricsServer?.close();
      await sdk.shutdown();
      logger.flush();
    },
  };
}
