import { describe, expect, it } from 'vitest';
import { isDomainError } from './domain-error.ts';
import { AlreadyExists, InvalidArgument, NotFound, ResourceExhausted } from './errors.ts';
import { namespaceAlreadyExists, namespaceInvalidState, namespaceNotFound } from './namespace-errors.ts';

describe('domain errors', () => {
  it('carry their code, class name and message', () => {
    const error = new NotFound('Workflow wf-1 is not found.');
    expect(error).toBeInstanceOf(Error);
    expect(error).toMatchObject({
      code: 'NOT_FOUND',
      name: 'NotFound',
      message: 'Workflow wf-1 is not found.',
    });
    expect(isDomainError(error)).toBe(true);
  });

  it('name the field of bad input', () => {
    const error = InvalidArgument.forField('namespace', 'must not be empty');
    expect(error).toMatchObject({
      code: 'INVALID_ARGUMENT',
      field: 'namespace',
      message: 'namespace: must not be empty',
    });
  });

  it('keep a cause for the logs and a detail for the wire', () => {
    const cause = new Error('unique violation');
    const error = new ResourceExhausted('namespace requests/s limit (100) exceeded', {
      cause,
      detail: { type: 'ResourceExhausted', cause: 'RPS_LIMIT', scope: 'NAMESPACE' },
    });
    expect(error.cause).toBe(cause);
    expect(error.detail).toEqual({ type: 'ResourceExhausted', cause: 'RPS_LIMIT', scope: 'NAMESPACE' });
  });

  it('are told apart from driver errors that also have code and detail fields', () => {
    const pgError = Object.assign(new Error('duplicate key'), { code: '23505', detail: 'Key (name)=(x)' });
    expect(isDomainError(pgError)).toBe(false);
    expect(isDomainError('NOT_FOUND')).toBe(false);
  });
});

describe('namespace errors', () => {
  it('word and detail them the way Temporal does', () => {
    expect(namespaceNotFound('orders')).toMatchObject({
      code: 'NOT_FOUND',
      message: 'Namespace orders is not found.',
      detail: { type: 'NamespaceNotFound', namespace: 'orders' },
    });
    const exists = namespaceAlreadyExists('orders');
    expect(exists).toBeInstanceOf(AlreadyExists);
    expect(exists.message).toBe('Namespace "orders" already exists');
    expect(namespaceInvalidState('orders', 'DELETED', ['REGISTERED'])).toMatchObject({
      code: 'FAILED_PRECONDITION',
      message: 'Namespace has invalid state: Deleted. Must be Registered.',
      detail: { type: 'NamespaceInvalidState', state: 'DELETED', allowedStates: ['REGISTERED'] },
    });
  });
});
