'use client';

import { useState } from 'react';
import { trpc } from '../../lib/trpc/browser-client.ts';
import { useApiQuery } from '../../lib/trpc/use-api-query.ts';
import { hasRole } from '../../lib/roles.ts';
import { useSession } from '../shell/session-context.tsx';
import { Badge } from '../ui/badge.tsx';
import { PageHeader, pageStyles } from '../ui/page-header.tsx';
import { QueryView } from '../ui/query-view.tsx';
import { TableRegion, tableStyles } from '../ui/table-region.tsx';
import { limitColumns } from './quota-limits.ts';
import { QuotaEditForm } from './quota-edit-form.tsx';

export function QuotasView() {
  const session = useSession();
  const quotas = useApiQuery('quotas', () => trpc.quotas.list.query());
  const [editing, setEditing] = useState<string | undefined>(undefined);
  const isAdmin = hasRole(session.role, 'admin');

  return (
    <div className={pageStyles.page}>
      <PageHeader title="Quotas">
        Limits per namespace. Calls beyond them are answered with RESOURCE_EXHAUSTED naming the limit. Values
        come from the {session.account.plan} plan unless overridden.
      </PageHeader>
      <section className={pageStyles.section} aria-labelledby="quota-list-heading">
        <h2 id="quota-list-heading">Limits by namespace</h2>
        <QueryView query={quotas} what="quotas">
          {(rows) =>
            rows.length === 0 ? (
              <p className={pageStyles.empty}>No namespaces yet, so no quotas to show.</p>
            ) : (
              <>
                <TableRegion label="Quotas">
                  <table className={tableStyles.table}>
                    <thead>
                      <tr>
                        <th scope="col">Namespace</th>
                        {limitColumns.map((column) => (
                          <th key={column.name} scope="col">
                            {column.label}
                          </th>
                        ))}
                        {isAdmin && (
                          <th scope="col">
                            <span className="visually-hidden">Actions</span>
                          </th>
                        )}
                      </tr>
                    </thead>
                    <tbody>
                      {rows.map((row) => (
                        <tr key={row.namespace} data-testid="quota-row">
                          <th scope="row">{row.namespace}</th>
                          {limitColumns.map(({ name, unit }) => (
                            <td key={name} className={tableStyles.nowrap}>
                              {row.limits[name].value.toLocaleString('en-US')}
                              {unit}{' '}
                              <Badge tone={row.limits[name].source === 'override' ? 'accent' : 'neutral'}>
                                {row.limits[name].source === 'override' ? 'Override' : 'Plan'}
                              </Badge>
                            </td>
                          ))}
                          {isAdmin && (
                            <td>
                              <button
                                type="button"
                                className="button"
                                onClick={() => setEditing(row.namespace)}
                              >
                                Edit<span className="visually-hidden"> quotas of {row.namespace}</span>
                              </button>
                            </td>
                          )}
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </TableRegion>
                {isAdmin && editing !== undefined && rows.some((row) => row.namespace === editing) && (
                  <QuotaEditForm
                    key={editing}
                    row={rows.find((row) => row.namespace === editing)!}
                    onDone={(saved) => {
                      setEditing(undefined);
                      if (saved) quotas.reload();
                    }}
                  />
                )}
              </>
            )
          }
        </QueryView>
      </section>
    </div>
  );
}
