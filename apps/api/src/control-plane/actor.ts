import type { Role } from './roles.ts';

/** Who is acting in the console: a signed-in user, in the account their session has selected. */
export interface Actor {
  userId: string;
  email: string;
  accountId: string;
  role: Role;
}
