import { z } from 'zod';
import { idField } from '../input-fields.ts';

export const revokeInvitationInput = z.strictObject({ id: idField });
export type RevokeInvitationInput = z.infer<typeof revokeInvitationInput>;
