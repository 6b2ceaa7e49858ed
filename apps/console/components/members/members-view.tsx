'use client';

import { trpc } from '../../lib/trpc/browser-client.ts';
import { useApiQuery } from '../../lib/trpc/use-api-query.ts';
import { hasRole } from '../../lib/roles.ts';
import { useSession } from '../shell/session-context.tsx';
import { PageHeader, pageStyles } from '../ui/page-header.tsx';
import { QueryView } from '../ui/query-view.tsx';
import { InvitationList } from './invitation-list.tsx';
import { InviteMemberForm } from './invite-member-form.tsx';
import { MemberList } from './member-list.tsx';

export function MembersView() {
  const session = useSession();
  const members = useApiQuery('members', () => trpc.members.list.query());
  const isAdmin = hasRole(session.role, 'admin');

  return (
    <div className={pageStyles.page}>
      <PageHeader title="Members">
        People who can sign in to {session.account.name}, and their roles.
      </PageHeader>
      {isAdmin && (
        <section className={pageStyles.section} aria-labelledby="invite-heading">
          <h2 id="invite-heading">Invite someone</h2>
          <InviteMemberForm onInvited={members.reload} />
        </section>
      )}
      <section className={pageStyles.section} aria-labelledby="members-heading">
        <h2 id="members-heading">Members</h2>
        <QueryView query={members} what="members">
          {(data) => <MemberList members={data.members} onChanged={members.reload} />}
        </QueryView>
      </section>
      <section className={pageStyles.section} aria-labelledby="invitations-heading">
        <h2 id="invitations-heading">Pending invitations</h2>
        <QueryView query={members} what="invitations">
          {(data) =>
            data.invitations.length === 0 ? (
              <p className={pageStyles.empty}>No pending invitations.</p>
            ) : (
              <InvitationList invitations={data.invitations} onChanged={members.reload} />
            )
          }
        </QueryView>
      </section>
    </div>
  );
}
