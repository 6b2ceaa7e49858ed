import { Metadata } from '@grpc/grpc-js';
import { InvalidArgument } from '@kairos/errors';
import { createLogger } from '@kairos/telemetry';
import { describe, expect, it } from 'vitest';
import { composeInterceptors, defineRpc, type RpcCall, type RpcInterceptor } from './rpc-call.ts';

const call: RpcCall = {
  request: { namespace: 'default' },
  context: {
    service: 'WorkflowService',
    method: 'DescribeNamespace',
    namespace: 'default',
    metadata: new Metadata(),
    peer: '127.0.0.1:50000',
    signal: new AbortController().signal,
    logger: createLogger({ service: 'test', level: 'silent' }),
  },
};

describe('the interceptor chain', () => {
  it('runs steps outermost first around the handler, and lets them see results and errors', async () => {
    const events: string[] = [];
    const step =
      (name: string): RpcInterceptor =>
      async (current, next) => {
        events.push(`${name}:in`);
        try {
          return await next(current);
        } finally {
          events.push(`${name}:out`);
        }
      };
    const run = composeInterceptors([step('telemetry'), step('auth')], async () => {
      events.push('handler');
      return { ok: true };
    });
    await expect(run(call)).resolves.toEqual({ ok: true });
    expect(events).toEqual(['telemetry:in', 'auth:in', 'handler', 'auth:out', 'telemetry:out']);
  });

  it('lets a step refuse the call before the handler runs', async () => {
    let handled = false;
    const deny: RpcInterceptor = async () => {
      throw new InvalidArgument('no');
    };
    const run = composeInterceptors([deny], async () => {
      handled = true;
      return {};
    });
    await expect(run(call)).rejects.toThrow('no');
    expect(handled).toBe(false);
  });
});

describe('defineRpc', () => {
  it('validates before it handles, and never handles invalid input', async () => {
    const handled: string[] = [];
    const rpc = defineRpc({
      validate: (request: { name: string }) => {
        if (!request.name) throw InvalidArgument.forField('name', 'must not be empty');
        return request.name.toUpperCase();
      },
      handle: async (name: string) => {
        handled.push(name);
        return { greeting: `hello ${name}` };
      },
    });
    await expect(rpc({ name: 'kairos' }, call.context)).resolves.toEqual({ greeting: 'hello KAIROS' });
    await expect(rpc({ name: '' }, call.context)).rejects.toMatchObject({ field: 'name' });
    expect(handled).toEqual(['KAIROS']);
  });
});
