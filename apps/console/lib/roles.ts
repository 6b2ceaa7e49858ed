/** Account roles, strongest first, as the api orders them (owner > admin > developer > read_only). */
export const roles = ['owner', 'admin', 'developer', 'read_only'] as const;
export type AccountRole = (typeof roles)[number];

/** Roles an API key may carry (never owner). */
export const apiKeyRoles = ['admin', 'developer', 'read_only'] as const;

export const roleLabels: Record<AccountRole, string> = {
  owner: 'Owner',
  admin: 'Admin',
  developer: 'Developer',
  read_only: 'Read-only',
};

/** True when `role` may do what `minimum` may. The api decides; the console only hides what would fail. */
export function hasRole(role: AccountRole, minimum: AccountRole): boolean {
  return roles.indexOf(role) <= roles.indexOf(minimum);
}
