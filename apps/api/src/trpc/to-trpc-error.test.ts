import {
  AlreadyExists,
  FailedPrecondition,
  Internal,
  InvalidArgument,
  NotFound,
  PermissionDenied,
  ResourceExhausted,
  Unauthenticated,
  Unavailable,
  Unimplemented,
} from '@kairos/errors';
import { TRPCError } from '@trpc/server';
import { describe, expect, it } from 'vitest';
import { toTrpcError } from './to-trpc-error.ts';

describe('toTrpcError', () => {
  it('maps every domain error code, keeping the message, also when tRPC wrapped the error', () => {
    const cases = [
      [InvalidArgument.forField('name', 'must not be empty'), 'BAD_REQUEST'],
      [new NotFound('namespace x is not found'), 'NOT_FOUND'],
      [new AlreadyExists('taken'), 'CONFLICT'],
      [new FailedPrecondition('open workflows'), 'PRECONDITION_FAILED'],
      [new ResourceExhausted('too many'), 'TOO_MANY_REQUESTS'],
      [new PermissionDenied('no'), 'FORBIDDEN'],
      [new Unauthenticated('sign in first'), 'UNAUTHORIZED'],
      [new Unimplemented('later'), 'NOT_IMPLEMENTED'],
      [new Unavailable('retry'), 'SERVICE_UNAVAILABLE'],
      [new Internal('broken invariant'), 'INTERNAL_SERVER_ERROR'],
    ] as const;
    for (const [error, code] of cases) {
      for (const thrown of [error, new TRPCError({ code: 'INTERNAL_SERVER_ERROR', cause: error })]) {
        const mapped = toTrpcError(thrown);
        expect(mapped.code).toBe(code);
        expect(mapped.message).toBe(error.message);
        expect(mapped.cause).toBe(error);
      }
    }
  });

  it("passes tRPC's own errors through", () => {
    const badRequest = new TRPCError({ code: 'BAD_REQUEST', message: 'bad json' });
    expect(toTrpcError(badRequest)).toBe(badRequest);
  });

  it('hides anything else behind a generic internal error, keeping the cause for the log', () => {
    const leak = new Error('duplicate key value violates unique constraint "users_email_key"');
    for (const thrown of [leak, new TRPCError({ code: 'INTERNAL_SERVER_ERROR', cause: leak })]) {
      const mapped = toTrpcError(thrown);
      expect(mapped.code).toBe('INTERNAL_SERVER_ERROR');
      expect(mapped.message).toBe('internal error');
      expect(mapped.cause).toBe(leak);
    }
    expect(toTrpcError('a string').message).toBe('internal error');
  });
});
