'use client';

import { useId, useState } from 'react';
import { roleLabels, roles, type AccountRole } from '../../lib/roles.ts';
import type { MemberList } from '../../lib/trpc/router-types.ts';
import { useSession } from '../shell/session-context.tsx';
import styles from './members.module.css';

type Member = MemberList['members'][number];

/** A member's role as a select plus an explicit "Save": a role change is never a side effect of browsing. */
export function RoleChanger({
  member,
  pending,
  onChange,
}: {
  member: Member;
  pending: boolean;
  onChange(role: AccountRole): void;
}) {
  const session = useSession();
  const id = useId();
  const [role, setRole] = useState<AccountRole>(member.role);
  const options = roles.filter((value) => value !== 'owner' || session.role === 'owner');

  return (
    <form
      className={styles.roleForm}
      onSubmit={(event) => {
        event.preventDefault();
        if (!pending && role !== member.role) onChange(role);
      }}
    >
      <label htmlFor={id} className="visually-hidden">
        Role of {member.email}
      </label>
      <select id={id} value={role} onChange={(event) => setRole(event.target.value as AccountRole)}>
        {options.map((value) => (
          <option key={value} value={value}>
            {roleLabels[value]}
          </option>
        ))}
      </select>
      <button type="submit" className="button" aria-disabled={pending || role === member.role}>
        Save<span className="visually-hidden"> role of {member.email}</span>
      </button>
    </form>
  );
}
