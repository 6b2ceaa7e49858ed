'use client';

import Link from 'next/link';
import { trpc } from '../../lib/trpc/browser-client.ts';
import { useApiQuery } from '../../lib/trpc/use-api-query.ts';
import { hasRole } from '../../lib/roles.ts';
import { formatTime } from '../../lib/format-time.ts';
import { useSession } from '../shell/session-context.tsx';
import { PageHeader, pageStyles } from '../ui/page-header.tsx';
import { QueryView } from '../ui/query-view.tsx';
import { TableRegion, tableStyles } from '../ui/table-region.tsx';
import { CreateNamespaceForm } from './create-namespace-form.tsx';

export function NamespacesView() {
  const session = useSession();
  const namespaces = useApiQuery('namespaces', () => trpc.namespaces.list.query());
  const canCreate = hasRole(session.role, 'admin');

  return (
    <div className={pageStyles.page}>
      <PageHeader title="Namespaces">
        A namespace isolates workflows: each has its own retention, quotas and API key scope.
      </PageHeader>
      {canCreate && (
        <section className={pageStyles.section} aria-labelledby="create-namespace-heading">
          <h2 id="create-namespace-heading">Create a namespace</h2>
          <CreateNamespaceForm onCreated={namespaces.reload} />
        </section>
      )}
      <section className={pageStyles.section} aria-labelledby="namespace-list-heading">
        <h2 id="namespace-list-heading">Your namespaces</h2>
        <QueryView query={namespaces} what="namespaces">
          {(list) =>
            list.length === 0 ? (
              <p className={pageStyles.empty}>
                No namespaces yet.{' '}
                {canCreate ? 'Create one above, then point a worker at it.' : 'Ask an admin to create one.'}
              </p>
            ) : (
              <TableRegion label="Namespaces">
                <table className={tableStyles.table}>
                  <thead>
                    <tr>
                      <th scope="col">Name</th>
                      <th scope="col">Retention</th>
                      <th scope="col">Description</th>
                      <th scope="col">Created</th>
                    </tr>
                  </thead>
                  <tbody>
                    {list.map((namespace) => (
                      <tr key={namespace.id}>
                        <th scope="row" className={tableStyles.nowrap}>
                          <Link href={`/namespaces/${encodeURIComponent(namespace.name)}`}>
                            {namespace.name}
                          </Link>
                        </th>
                        <td className={tableStyles.nowrap}>{namespace.retentionDays} days</td>
                        <td className={tableStyles.wrap}>{namespace.description || '—'}</td>
                        <td className={tableStyles.nowrap}>{formatTime(namespace.createdAt)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </TableRegion>
            )
          }
        </QueryView>
      </section>
    </div>
  );
}
