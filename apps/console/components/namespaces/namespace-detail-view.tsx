'use client';

import Link from 'next/link';
import { trpc } from '../../lib/trpc/browser-client.ts';
import { useApiQuery } from '../../lib/trpc/use-api-query.ts';
import { hasRole } from '../../lib/roles.ts';
import { formatTime } from '../../lib/format-time.ts';
import { useSession } from '../shell/session-context.tsx';
import { PageHeader, pageStyles } from '../ui/page-header.tsx';
import { QueryView } from '../ui/query-view.tsx';
import { ConnectNamespace } from './connect-namespace.tsx';
import { DeleteNamespace } from './delete-namespace.tsx';
import { NamespaceSettingsForm } from './namespace-settings-form.tsx';
import { RecentWorkflows } from './recent-workflows.tsx';
import styles from './namespaces.module.css';

/** One namespace: its settings, how to connect to it, its latest workflows, and deletion. */
export function NamespaceDetailView({ name, grpcAddress }: { name: string; grpcAddress: string }) {
  const session = useSession();
  const namespace = useApiQuery(`namespace:${name}`, () => trpc.namespaces.get.query({ name }));
  const isAdmin = hasRole(session.role, 'admin');

  if (namespace.state === 'error' && namespace.error.code === 'NOT_FOUND') {
    return (
      <div className={pageStyles.page}>
        <PageHeader title="Namespace not found">
          There is no namespace {name} in this account. <Link href="/namespaces">See all namespaces</Link>
        </PageHeader>
      </div>
    );
  }

  return (
    <div className={pageStyles.page}>
      <p>
        <Link href="/namespaces">← All namespaces</Link>
      </p>
      <PageHeader title={name} />
      <QueryView query={namespace} what={`namespace ${name}`}>
        {(details) => (
          <>
            <section className={pageStyles.section} aria-labelledby="overview-heading">
              <h2 id="overview-heading">Overview</h2>
              <dl className={styles.facts}>
                <div>
                  <dt>Retention</dt>
                  <dd data-testid="namespace-retention">{details.retentionDays} days</dd>
                </div>
                <div>
                  <dt>Open workflows</dt>
                  <dd>{details.openWorkflows}</dd>
                </div>
                <div>
                  <dt>State</dt>
                  <dd>{details.state}</dd>
                </div>
                <div>
                  <dt>Created</dt>
                  <dd>{formatTime(details.createdAt)}</dd>
                </div>
                <div className={styles.wide}>
                  <dt>Description</dt>
                  <dd data-testid="namespace-description">{details.description || '—'}</dd>
                </div>
              </dl>
            </section>
            <p>
              <Link href={`/namespaces/${encodeURIComponent(details.name)}/workflows`}>Search workflows</Link>
            </p>
            <ConnectNamespace grpcAddress={grpcAddress} namespace={details.name} />
            <RecentWorkflows namespace={details.name} />
            {isAdmin && (
              <section className={pageStyles.section} aria-labelledby="settings-heading">
                <h2 id="settings-heading">Settings</h2>
                <NamespaceSettingsForm namespace={details} onSaved={namespace.reload} />
              </section>
            )}
            {isAdmin && <DeleteNamespace namespace={details.name} openWorkflows={details.openWorkflows} />}
          </>
        )}
      </QueryView>
    </div>
  );
}
