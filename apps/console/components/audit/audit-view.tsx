'use client';

import { useState } from 'react';
import { trpc } from '../../lib/trpc/browser-client.ts';
import { useApiQuery } from '../../lib/trpc/use-api-query.ts';
import { hasRole } from '../../lib/roles.ts';
import { useSession } from '../shell/session-context.tsx';
import { PageHeader, pageStyles } from '../ui/page-header.tsx';
import { QueryView } from '../ui/query-view.tsx';
import { AuditTable } from './audit-table.tsx';
import styles from './audit.module.css';

const pageSize = 25;

/**
 * The account's audit log, newest first, a page at a time. The api's cursors only go forward, so
 * the cursors of the pages already seen are kept to go back.
 */
export function AuditView() {
  const session = useSession();
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const cursor = cursors.at(-1);
  const page = useApiQuery(`audit:${cursor ?? ''}`, () =>
    trpc.audit.list.query({ limit: pageSize, ...(cursor === undefined ? {} : { cursor }) }),
  );

  if (!hasRole(session.role, 'admin')) {
    return (
      <div className={pageStyles.page}>
        <PageHeader title="Audit log">Only owners and admins can read the audit log.</PageHeader>
      </div>
    );
  }

  return (
    <div className={pageStyles.page}>
      <PageHeader title="Audit log">
        Every change made in {session.account.name}: who did it, when, and to what. Entries cannot be edited
        or deleted.
      </PageHeader>
      <section className={pageStyles.section} aria-labelledby="audit-heading">
        <div className={styles.headerRow}>
          <h2 id="audit-heading">Page {cursors.length}</h2>
          <button type="button" className="button" onClick={page.reload}>
            Refresh
          </button>
        </div>
        <QueryView query={page} what="the audit log">
          {({ entries, nextCursor }) => (
            <>
              {entries.length === 0 ? (
                <p className={pageStyles.empty}>Nothing has been logged yet.</p>
              ) : (
                <AuditTable entries={entries} />
              )}
              <nav className={styles.pager} aria-label="Audit log pages">
                <button
                  type="button"
                  className="button"
                  aria-disabled={cursors.length === 1}
                  onClick={() => cursors.length > 1 && setCursors(cursors.slice(0, -1))}
                >
                  Newer entries
                </button>
                <button
                  type="button"
                  className="button"
                  aria-disabled={nextCursor === null}
                  onClick={() => nextCursor !== null && setCursors([...cursors, nextCursor])}
                >
                  Older entries
                </button>
              </nav>
            </>
          )}
        </QueryView>
      </section>
    </div>
  );
}
