import { status } from '@grpc/grpc-js';
import type { Telemetry } from '@kairos/telemetry';
import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import type { RpcContext, RpcInterceptor } from './rpc-call.ts';
import { grpcCodeOf } from './to-grpc-status.ts';

/**
 * The outermost step: a server span per rpc (method and namespace as attributes), a request counter and
 * a latency histogram labelled by service, method, namespace and status code, and a debug log line.
 *
 * The namespace label is the namespace authorization let the caller use; a namespace an API key was
 * refused (or a namespace-less rpc) gets an empty label, so a caller cannot mint metric series at
 * will. Anonymous loopback callers (the api's own host) keep the name they sent, for local debugging.
 */
export function telemetryInterceptor(telemetry: Pick<Telemetry, 'meter' | 'tracer'>): RpcInterceptor {
  const requests = telemetry.meter.createCounter('kairos_grpc_requests', {
    description: 'gRPC requests handled, by service, method, namespace and status code',
  });
  const latency = telemetry.meter.createHistogram('kairos_grpc_request_duration_seconds', {
    description: 'gRPC request latency, by service, method, namespace and status code',
    unit: 's',
  });
  return (call, next) => {
    const { context } = call;
    const rpc = `${context.service}/${context.method}`;
    return telemetry.tracer.startActiveSpan(
      rpc,
      {
        kind: SpanKind.SERVER,
        attributes: {
          'rpc.system': 'grpc',
          'rpc.service': context.service,
          'rpc.method': context.method,
          ...(context.namespace ? { 'temporal.namespace': context.namespace } : {}),
        },
      },
      async (span) => {
        context.traceId = span.spanContext().traceId;
        const started = performance.now();
        let code = status.OK;
        try {
          return await next(call);
        } catch (error) {
          code = grpcCodeOf(error);
          span.setStatus({ code: SpanStatusCode.ERROR, message: status[code] });
          if (code === status.INTERNAL && error instanceof Error) span.recordException(error);
          throw error;
        } finally {
          const seconds = (performance.now() - started) / 1000;
          const labels = {
            service: context.service,
            method: context.method,
            namespace: namespaceLabel(context),
            code: status[code],
          };
          requests.add(1, labels);
          latency.record(seconds, labels);
          span.setAttribute('rpc.grpc.status_code', code);
          span.end();
          context.logger.debug({ ...labels, durationMs: Math.round(seconds * 1000) }, 'rpc');
        }
      },
    );
  };
}

function namespaceLabel(context: RpcContext): string {
  if (context.authorizedNamespace) return context.authorizedNamespace.name;
  return context.principal?.kind === 'anonymous_loopback' ? (context.namespace ?? '') : '';
}
