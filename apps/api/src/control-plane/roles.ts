import { PermissionDenied } from '@kairos/errors';

/** A member's (or an API key's) role in an account, strongest first. API keys never carry `owner`. */
export const ROLES = ['owner', 'admin', 'developer', 'read_only'] as const;
export type Role = (typeof ROLES)[number];

const RANK: Record<Role, number> = { owner: 4, admin: 3, developer: 2, read_only: 1 };

export function roleAtLeast(role: Role, minimum: Role): boolean {
  return RANK[role] >= RANK[minimum];
}

/** Throws PERMISSION_DENIED naming the role needed and the role held. */
export function requireRole(role: Role, minimum: Role, action: string): void {
  if (!roleAtLeast(role, minimum))
    throw new PermissionDenied(`${action} requires the ${minimum} role or higher; you are ${role}`);
}
