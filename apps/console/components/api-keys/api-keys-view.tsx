'use client';

import { useState } from 'react';
import { trpc } from '../../lib/trpc/browser-client.ts';
import { useApiQuery } from '../../lib/trpc/use-api-query.ts';
import { hasRole } from '../../lib/roles.ts';
import { useSession } from '../shell/session-context.tsx';
import { PageHeader, pageStyles } from '../ui/page-header.tsx';
import { QueryView } from '../ui/query-view.tsx';
import { ApiKeyList } from './api-key-list.tsx';
import { CreateApiKeyForm } from './create-api-key-form.tsx';
import { RevealedKey } from './revealed-key.tsx';

export function ApiKeysView() {
  const session = useSession();
  const keys = useApiQuery('api-keys', () => trpc.apiKeys.list.query());
  const [revealed, setRevealed] = useState<{ name: string; key: string } | undefined>(undefined);
  const canCreate = hasRole(session.role, 'developer');

  return (
    <div className={pageStyles.page}>
      <PageHeader title="API keys">
        SDKs and workers authenticate with an API key, sent as <code>authorization: Bearer &lt;key&gt;</code>.
      </PageHeader>
      {revealed !== undefined && (
        <RevealedKey name={revealed.name} secret={revealed.key} onDismiss={() => setRevealed(undefined)} />
      )}
      {canCreate && (
        <section className={pageStyles.section} aria-labelledby="create-key-heading">
          <h2 id="create-key-heading">Create an API key</h2>
          <CreateApiKeyForm
            onCreated={(created) => {
              setRevealed({ name: created.apiKey.name, key: created.key });
              keys.reload();
            }}
          />
        </section>
      )}
      <section className={pageStyles.section} aria-labelledby="key-list-heading">
        <h2 id="key-list-heading">Keys</h2>
        <QueryView query={keys} what="API keys">
          {(list) =>
            list.length === 0 ? (
              <p className={pageStyles.empty}>No API keys yet.</p>
            ) : (
              <ApiKeyList keys={list} onRevoked={keys.reload} />
            )
          }
        </QueryView>
      </section>
    </div>
  );
}
