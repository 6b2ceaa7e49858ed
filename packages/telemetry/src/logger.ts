import { trace } from '@opentelemetry/api';
import { pino, type DestinationStream, type Logger, type LevelWithSilent } from 'pino';

export type { Logger };

/**
 * Field paths that may carry secrets. Pino replaces them before serialising, so no code path can
 * log an API key, password or session cookie even by accident (CONVENTIONS: no secret ever logged).
 */
const secretPaths = [
  'authorization',
  'password',
  'apiKey',
  'secret',
  'cookie',
  '*.authorization',
  '*.password',
  '*.apiKey',
  '*.secret',
  '*.cookie',
  'headers.authorization',
  'metadata.authorization',
];

/** Structured JSON logs on stdout (or `destination`), one object per line, with the active trace id. */
export function createLogger(options: {
  service: string;
  level: LevelWithSilent;
  destination?: DestinationStream;
}): Logger {
  return pino(
    {
      level: options.level,
      base: { service: options.service, pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: secretPaths, censor: '[redacted]' },
      // Correlates a log line with the trace it was written in, so logs and traces join up.
      mixin() {
        const span = trace.getActiveSpan();
        if (!span) return {};
        const { traceId, spanId } = span.spanContext();
        return { trace_id: traceId, span_id: spanId };
      },
    },
    options.destination,
  );
}
