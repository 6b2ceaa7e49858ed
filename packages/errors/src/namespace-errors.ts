import { FailedPrecondition, AlreadyExists, NotFound } from './errors.ts';
import type { NamespaceStateName } from './failure-detail.ts';

// Namespace errors come up in every service (api, history, matching), always worded and detailed the
// way Temporal's server does, because SDKs and tools match on the detail and people on the message.

/** `identity` is the name or id the caller asked for. */
export function namespaceNotFound(identity: string): NotFound {
  return new NotFound(`Namespace ${identity} is not found.`, {
    detail: { type: 'NamespaceNotFound', namespace: identity },
  });
}

export function namespaceAlreadyExists(name: string): AlreadyExists {
  return new AlreadyExists(`Namespace ${JSON.stringify(name)} already exists`, {
    detail: { type: 'NamespaceAlreadyExists' },
  });
}

const stateTitle: Record<NamespaceStateName, string> = {
  REGISTERED: 'Registered',
  DEPRECATED: 'Deprecated',
  DELETED: 'Deleted',
};

/** The namespace exists but its state forbids the operation (Temporal answers FAILED_PRECONDITION). */
export function namespaceInvalidState(
  name: string,
  state: NamespaceStateName,
  allowedStates: NamespaceStateName[],
): FailedPrecondition {
  const allowed = allowedStates.map((allowedState) => stateTitle[allowedState]).join(' or ');
  return new FailedPrecondition(`Namespace has invalid state: ${stateTitle[state]}. Must be ${allowed}.`, {
    detail: { type: 'NamespaceInvalidState', namespace: name, state, allowedStates },
  });
}
