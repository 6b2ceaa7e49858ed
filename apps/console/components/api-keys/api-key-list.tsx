'use client';

import { useState } from 'react';
import { trpc } from '../../lib/trpc/browser-client.ts';
import { useApiMutation } from '../../lib/trpc/use-api-mutation.ts';
import { formatTime } from '../../lib/format-time.ts';
import { hasRole, roleLabels } from '../../lib/roles.ts';
import type { ApiKeyView } from '../../lib/trpc/router-types.ts';
import { useSession } from '../shell/session-context.tsx';
import { Badge } from '../ui/badge.tsx';
import { ConfirmDialog } from '../ui/confirm-dialog.tsx';
import { TableRegion, tableStyles } from '../ui/table-region.tsx';

function keyState(key: ApiKeyView, now: number): { label: string; tone: 'ok' | 'bad' | 'warn' } {
  if (key.revokedAt !== null) return { label: 'Revoked', tone: 'bad' };
  if (Date.parse(key.expiresAt) <= now) return { label: 'Expired', tone: 'warn' };
  return { label: 'Active', tone: 'ok' };
}

/** Every key of the account, with a revoke action for admins and for the key's creator. */
export function ApiKeyList({ keys, onRevoked }: { keys: ApiKeyView[]; onRevoked(): void }) {
  const session = useSession();
  const [revoking, setRevoking] = useState<ApiKeyView | undefined>(undefined);
  const revoke = useApiMutation((id: string) => trpc.apiKeys.revoke.mutate({ id }));
  const now = Date.now();
  const mayRevoke = (key: ApiKeyView) =>
    key.revokedAt === null && (hasRole(session.role, 'admin') || key.createdBy === session.user.email);

  return (
    <>
      <TableRegion label="API keys">
        <table className={tableStyles.table}>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Prefix</th>
              <th scope="col">Role</th>
              <th scope="col">Namespaces</th>
              <th scope="col">Last used</th>
              <th scope="col">Expires</th>
              <th scope="col">State</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {keys.map((key) => {
              const state = keyState(key, now);
              return (
                <tr key={key.id} data-testid="api-key-row">
                  <th scope="row" className={tableStyles.wrap}>
                    {key.name}
                  </th>
                  <td className={tableStyles.nowrap}>
                    <code>{key.prefix}</code>
                  </td>
                  <td className={tableStyles.nowrap}>{roleLabels[key.role]}</td>
                  <td className={tableStyles.wrap}>
                    {key.allNamespaces ? 'All' : key.namespaces.join(', ')}
                  </td>
                  <td className={tableStyles.time}>
                    {key.lastUsedAt === null ? 'Never' : formatTime(key.lastUsedAt)}
                  </td>
                  <td className={tableStyles.time}>{formatTime(key.expiresAt)}</td>
                  <td>
                    <Badge tone={state.tone}>{state.label}</Badge>
                  </td>
                  <td>
                    {mayRevoke(key) && (
                      <button
                        type="button"
                        className="button"
                        onClick={() => {
                          revoke.reset();
                          setRevoking(key);
                        }}
                      >
                        Revoke<span className="visually-hidden"> {key.name}</span>
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
        open={revoking !== undefined}
        title={`Revoke ${revoking?.name ?? 'key'}?`}
        confirmLabel="Revoke key"
        pending={revoke.pending}
        error={revoke.error}
        onClose={() => setRevoking(undefined)}
        onConfirm={async () => {
          if (revoking === undefined) return;
          if (await revoke.run(revoking.id)) {
            setRevoking(undefined);
            onRevoked();
          }
        }}
      >
        <p>
          Clients using the key <code>{revoking?.prefix}</code> are refused from the next call on. This cannot
          be undone.
        </p>
      </ConfirmDialog>
    </>
  );
}
