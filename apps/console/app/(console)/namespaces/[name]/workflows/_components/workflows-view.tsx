'use client';

import Link from 'next/link';
import { useState } from 'react';
import { trpc } from '../../../../../../lib/trpc/browser-client.ts';
import { useApiQuery } from '../../../../../../lib/trpc/use-api-query.ts';
import { messagesFor } from '../../../../../../lib/trpc/call-error.ts';
import { PageHeader, pageStyles } from '../../../../../../components/ui/page-header.tsx';
import { QueryView } from '../../../../../../components/ui/query-view.tsx';
import { ColumnChooser } from './column-chooser.tsx';
import { QueryBox } from './query-box.tsx';
import { SavedViews } from './saved-views.tsx';
import { StatusFacets, withStatus } from './status-facets.tsx';
import { useStoredColumns } from './use-stored-columns.ts';
import { SYSTEM_COLUMNS } from './workflow-columns.ts';
import { WorkflowTable } from './workflow-table.tsx';
import styles from './workflows.module.css';

const PAGE_SIZE = 50;

/**
 * A namespace's workflows: a filter in Temporal's list language (names completed as you type),
 * counts by status, the chosen columns, saved views, and pages through the results.
 */
export function WorkflowsView({ namespace }: { namespace: string }) {
  const [draft, setDraft] = useState('');
  const [query, setQuery] = useState('');
  // Cursors of the pages before the current one, so "Previous" can go back.
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const cursor = cursors[cursors.length - 1];
  const [columns, setColumns] = useStoredColumns(namespace);

  const attributes = useApiQuery(`attributes:${namespace}`, () =>
    trpc.workflows.searchAttributes.query({ namespace }),
  );
  const page = useApiQuery(`list:${namespace}:${query}:${cursor ?? ''}`, () =>
    trpc.workflows.list.query({ namespace, query, pageSize: PAGE_SIZE, ...(cursor ? { cursor } : {}) }),
  );
  const count = useApiQuery(`count:${namespace}:${query}`, () =>
    trpc.workflows.count.query({ namespace, query }),
  );

  const names = attributes.state === 'ready' ? attributes.data.map((attribute) => attribute.name) : [];
  const custom =
    attributes.state === 'ready'
      ? attributes.data.filter((attribute) => attribute.kind === 'custom').map((attribute) => attribute.name)
      : [];
  const queryError = page.state === 'error' ? messagesFor(page.error, 'query')[0] : undefined;

  function search(next: string) {
    setDraft(next);
    setQuery(next.trim());
    setCursors([undefined]);
  }

  return (
    <div className={pageStyles.page}>
      <p>
        <Link href={`/namespaces/${encodeURIComponent(namespace)}`}>← {namespace}</Link>
      </p>
      <PageHeader title={`Workflows in ${namespace}`} />
      <section className={pageStyles.section} aria-label="Search">
        <QueryBox
          value={draft}
          attributeNames={names}
          error={queryError}
          onChange={setDraft}
          onSubmit={search}
        />
        {count.state === 'ready' && (
          <StatusFacets count={count.data} onChoose={(status) => search(withStatus(query, status))} />
        )}
        <div className={styles.toolbar}>
          <ColumnChooser available={[...SYSTEM_COLUMNS, ...custom]} chosen={columns} onChange={setColumns} />
          <SavedViews
            namespace={namespace}
            query={query}
            columns={columns}
            onOpen={(view) => {
              if (view.columns.length > 0) setColumns(view.columns);
              search(view.query);
            }}
          />
        </div>
      </section>
      <section className={pageStyles.section} aria-label="Results">
        {queryError !== undefined ? (
          <p className={pageStyles.muted}>Fix the filter to see workflows.</p>
        ) : (
          <QueryView query={page} what="workflows">
            {(data) => (
              <>
                {data.rows.length === 0 ? (
                  <p className={pageStyles.empty}>No workflows match.</p>
                ) : (
                  <WorkflowTable namespace={namespace} rows={data.rows} columns={columns} />
                )}
                <div className={styles.pager}>
                  <button
                    type="button"
                    className="button"
                    disabled={cursors.length === 1}
                    onClick={() => setCursors((list) => list.slice(0, -1))}
                  >
                    Previous page
                  </button>
                  <button
                    type="button"
                    className="button"
                    disabled={data.nextCursor === null}
                    onClick={() =>
                      data.nextCursor && setCursors((list) => [...list, data.nextCursor ?? undefined])
                    }
                  >
                    Next page
                  </button>
                  <button
                    type="button"
                    className="button"
                    onClick={() => {
                      page.reload();
                      count.reload();
                    }}
                  >
                    Refresh
                  </button>
                </div>
              </>
            )}
          </QueryView>
        )}
      </section>
    </div>
  );
}
