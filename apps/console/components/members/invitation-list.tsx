'use client';

import { trpc } from '../../lib/trpc/browser-client.ts';
import { useApiMutation } from '../../lib/trpc/use-api-mutation.ts';
import { formatTime } from '../../lib/format-time.ts';
import { hasRole, roleLabels } from '../../lib/roles.ts';
import type { MemberList } from '../../lib/trpc/router-types.ts';
import { useSession } from '../shell/session-context.tsx';
import { FormAlert } from '../ui/form-alert.tsx';
import { TableRegion, tableStyles } from '../ui/table-region.tsx';

type Invitation = MemberList['invitations'][number];

/** Invitations nobody has accepted yet; admins may withdraw them. */
export function InvitationList({ invitations, onChanged }: { invitations: Invitation[]; onChanged(): void }) {
  const session = useSession();
  const isAdmin = hasRole(session.role, 'admin');
  const revoke = useApiMutation((id: string) => trpc.members.revokeInvitation.mutate({ id }));

  return (
    <>
      <FormAlert error={revoke.error} />
      <TableRegion label="Pending invitations">
        <table className={tableStyles.table}>
          <thead>
            <tr>
              <th scope="col">Email</th>
              <th scope="col">Role</th>
              <th scope="col">Sent</th>
              <th scope="col">Expires</th>
              {isAdmin && (
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              )}
            </tr>
          </thead>
          <tbody>
            {invitations.map((invitation) => (
              <tr key={invitation.id} data-testid="invitation-row">
                <th scope="row" className={tableStyles.wrap}>
                  {invitation.email}
                </th>
                <td>{roleLabels[invitation.role]}</td>
                <td className={tableStyles.nowrap}>{formatTime(invitation.createdAt)}</td>
                <td className={tableStyles.nowrap}>{formatTime(invitation.expiresAt)}</td>
                {isAdmin && (
                  <td>
                    <button
                      type="button"
                      className="button"
                      aria-disabled={revoke.pending}
                      onClick={async () => {
                        if (!revoke.pending && (await revoke.run(invitation.id))) onChanged();
                      }}
                    >
                      Withdraw<span className="visually-hidden"> invitation for {invitation.email}</span>
                    </button>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </TableRegion>
    </>
  );
}
