import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTelemetry, type Telemetry } from './telemetry.ts';

/** Collects the logger's output lines as parsed JSON objects. */
function captureLines(): { stream: Writable; lines: Record<string, unknown>[] } {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  return { stream, lines };
}

describe('startTelemetry', () => {
  const output = captureLines();
  let telemetry: Telemetry;

  beforeAll(async () => {
    telemetry = await startTelemetry({
      serviceName: 'kairos-telemetry-test',
      logLevel: 'info',
      metrics: { host: '127.0.0.1', port: 0 },
      logDestination: output.stream,
    });
  });
  afterAll(() => telemetry.shutdown());

  it('serves metrics in Prometheus text format', async () => {
    const counter = telemetry.meter.createCounter('kairos_test_requests', { description: 'test counter' });
    counter.add(3, { method: 'Probe' });
    const response = await fetch(telemetry.metricsUrl!);
    expect(response.status).toBe(200);
    const body = await response.text();
    expect(body).toContain('# TYPE kairos_test_requests_total counter');
    expect(body).toMatch(/kairos_test_requests_total\{method="Probe"[^}]*\} 3/);
  });

  it('answers 404 off the metrics path', async () => {
    const response = await fetch(telemetry.metricsUrl!.replace('/metrics', '/other'));
    expect(response.status).toBe(404);
  });

  it('writes JSON log lines with service, level and the active trace id', async () => {
    await telemetry.tracer.startActiveSpan('unit-of-work', async (span) => {
      telemetry.logger.info({ workflowId: 'wf-1' }, 'started');
      span.end();
    });
    const line = output.lines.find((entry) => entry.msg === 'started');
    expect(line).toMatchObject({ service: 'kairos-telemetry-test', level: 'info', workflowId: 'wf-1' });
    expect(line?.trace_id).toMatch(/^[0-9a-f]{32}$/);
    expect(line?.span_id).toMatch(/^[0-9a-f]{16}$/);
  });

  it('never writes secrets', () => {
    telemetry.logger.warn(
      { authorization: 'Bearer kairos_abc', request: { password: 'hunter2', apiKey: 'k' } },
      'auth failed',
    );
    const line = output.lines.find((entry) => entry.msg === 'auth failed');
    expect(JSON.stringify(line)).not.toMatch(/kairos_abc|hunter2|"k"/);
    expect(line).toMatchObject({
      authorization: '[redacted]',
      request: { password: '[redacted]', apiKey: '[redacted]' },
    });
  });
});
