// Validation of the namespace fields shared by the namespace rpcs, written once (like Temporal's
// shared validators) so every rpc words the same problem the same way: `<field>: <problem>`.
import { InvalidArgument } from '@kairos/errors';
import { Long, temporal, type google } from '@kairos/proto';

/**
 * Longest namespace a request may name. Temporal's frontend applies its generic id limit
 * (`limit.maxIDLength`, 1000) to namespace fields; Kairos does the same for lookups, and the stricter
 * naming rules below for namespaces it creates.
 */
export const maxNamespaceFieldLength = 1000;

/** Temporal Cloud's namespace name rules: 2–39 characters; starts with a letter, ends with a letter or
 * digit; only lowercase letters, digits and hyphens. */
const namespaceNamePattern = /^[a-z][a-z0-9-]*[a-z0-9]$/;
export const namespaceNameLength = { min: 2, max: 39 } as const;

/** Temporal Cloud's retention range, in whole days (ARCHITECTURE: product facts). */
export const retentionDays = { min: 1, max: 90, default: 30 } as const;
const secondsPerDay = 24 * 60 * 60;

/** A namespace named by a request (to look it up): present and of sane length. */
export function requireNamespaceName(value: string, field = 'namespace'): string {
  if (value === '') throw InvalidArgument.forField(field, 'must not be empty');
  if (value.length > maxNamespaceFieldLength) {
    throw InvalidArgument.forField(
      field,
      `must be at most ${maxNamespaceFieldLength} characters, got ${value.length}`,
    );
  }
  return value;
}

/** The name of a namespace about to be created: Temporal Cloud's naming rules. */
export function validateNewNamespaceName(value: string, field = 'namespace'): string {
  requireNamespaceName(value, field);
  if (value.length < namespaceNameLength.min || value.length > namespaceNameLength.max) {
    throw InvalidArgument.forField(
      field,
      `must be ${namespaceNameLength.min} to ${namespaceNameLength.max} characters, got ${value.length}`,
    );
  }
  if (!namespaceNamePattern.test(value)) {
    throw InvalidArgument.forField(
      field,
      'must start with a lowercase letter, end with a lowercase letter or digit, and contain only ' +
        `lowercase letters, digits and hyphens, got ${JSON.stringify(value)}`,
    );
  }
  return value;
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A namespace id (Kairos ids are UUIDs, as Temporal's are). */
export function validateNamespaceId(value: string, field = 'id'): string {
  if (!uuidPattern.test(value))
    throw InvalidArgument.forField(field, `must be a UUID, got ${JSON.stringify(value)}`);
  return value.toLowerCase();
}

/**
 * A retention period as whole days within Temporal Cloud's range; undefined when the request leaves it
 * unset (the caller decides: the default on register, "unchanged" on update).
 */
export function retentionDaysFrom(
  duration: google.protobuf.Duration.$Properties | null | undefined,
  field: string,
): number | undefined {
  if (!duration) return undefined;
  const seconds = Long.fromValue(duration.seconds ?? 0).toNumber();
  const nanos = duration.nanos ?? 0;
  const range = `between ${retentionDays.min} and ${retentionDays.max} days`;
  if (nanos !== 0 || seconds % secondsPerDay !== 0) {
    throw InvalidArgument.forField(field, `must be a whole number of days ${range}, got ${seconds}s`);
  }
  const days = seconds / secondsPerDay;
  if (days < retentionDays.min || days > retentionDays.max) {
    throw InvalidArgument.forField(field, `must be ${range}, got ${days} days`);
  }
  return days;
}

const ArchivalState = temporal.api.enums.v1.ArchivalState;

/**
 * Archival is configured per namespace in a later milestone. Until then a request that asks for it is
 * refused rather than silently ignored (Temporal ignores it when its cluster has no archival).
 */
export function refuseArchival(
  fields: Record<string, temporal.api.enums.v1.ArchivalState | string | null | undefined>,
): void {
  for (const [field, value] of Object.entries(fields)) {
    const asked = typeof value === 'string' ? value !== '' : value === ArchivalState.ARCHIVAL_STATE_ENABLED;
    if (asked) throw InvalidArgument.forField(field, 'archival is not available on this server yet');
  }
}
