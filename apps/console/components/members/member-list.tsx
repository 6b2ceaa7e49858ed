'use client';

import { useState } from 'react';
import { trpc } from '../../lib/trpc/browser-client.ts';
import { useApiMutation } from '../../lib/trpc/use-api-mutation.ts';
import { formatTime } from '../../lib/format-time.ts';
import { hasRole, roleLabels } from '../../lib/roles.ts';
import type { MemberList as Members } from '../../lib/trpc/router-types.ts';
import { useSession } from '../shell/session-context.tsx';
import { ConfirmDialog } from '../ui/confirm-dialog.tsx';
import { FormAlert } from '../ui/form-alert.tsx';
import { TableRegion, tableStyles } from '../ui/table-region.tsx';
import { RoleChanger } from './role-changer.tsx';

type Member = Members['members'][number];

/** Members with their roles; admins change roles and remove people, anyone may leave. */
export function MemberList({ members, onChanged }: { members: Member[]; onChanged(): void }) {
  const session = useSession();
  const isAdmin = hasRole(session.role, 'admin');
  const [removing, setRemoving] = useState<Member | undefined>(undefined);
  const remove = useApiMutation((userId: string) => trpc.members.remove.mutate({ userId }));
  const changeRole = useApiMutation((input: { userId: string; role: Member['role'] }) =>
    trpc.members.changeRole.mutate(input),
  );

  return (
    <>
      <FormAlert error={changeRole.error} />
      <TableRegion label="Members">
        <table className={tableStyles.table}>
          <thead>
            <tr>
              <th scope="col">Email</th>
              <th scope="col">Role</th>
              <th scope="col">Joined</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {members.map((member) => {
              const isSelf = member.userId === session.user.id;
              // Only owners touch owners; the api enforces it, the console does not offer it.
              const manageable = isAdmin && !isSelf && (member.role !== 'owner' || session.role === 'owner');
              return (
                <tr key={member.userId} data-testid="member-row">
                  <th scope="row" className={tableStyles.wrap}>
                    {member.email}
                    {isSelf && ' (you)'}
                  </th>
                  <td>
                    {manageable ? (
                      <RoleChanger
                        member={member}
                        pending={changeRole.pending}
                        onChange={async (role) => {
                          if (await changeRole.run({ userId: member.userId, role })) onChanged();
                        }}
                      />
                    ) : (
                      roleLabels[member.role]
                    )}
                  </td>
                  <td className={tableStyles.nowrap}>{formatTime(member.joinedAt)}</td>
                  <td>
                    {(manageable || isSelf) && (
                      <button
                        type="button"
                        className="button"
                        onClick={() => {
                          remove.reset();
                          setRemoving(member);
                        }}
                      >
                        {isSelf ? 'Leave account' : 'Remove'}
                        {!isSelf && <span className="visually-hidden"> {member.email}</span>}
                      </button>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </TableRegion>
      <ConfirmDialog
        open={removing !== undefined}
        title={
          removing?.userId === session.user.id ? 'Leave this account?' : `Remove ${removing?.email ?? ''}?`
        }
        confirmLabel={removing?.userId === session.user.id ? 'Leave account' : 'Remove member'}
        pending={remove.pending}
        error={remove.error}
        onClose={() => setRemoving(undefined)}
        onConfirm={async () => {
          if (removing === undefined) return;
          if ((await remove.run(removing.userId)) === undefined) return;
          if (removing.userId === session.user.id) {
            window.location.assign('/');
            return;
          }
          setRemoving(undefined);
          onChanged();
        }}
      >
        <p>
          They lose access to {session.account.name} at once. API keys they created keep working until
          revoked.
        </p>
      </ConfirmDialog>
    </>
  );
}
