'use client';

import { useId, useState } from 'react';
import { trpc } from '../../lib/trpc/browser-client.ts';
import { useApiMutation } from '../../lib/trpc/use-api-mutation.ts';
import { ConfirmDialog } from '../ui/confirm-dialog.tsx';
import { pageStyles } from '../ui/page-header.tsx';
import formStyles from '../ui/form.module.css';
import styles from './namespaces.module.css';

/**
 * Deletion behind a confirmation. The api refuses while workflows are open unless forced; the
 * force box is offered up front, and its refusal message is shown in the dialog when not ticked.
 */
export function DeleteNamespace({ namespace, openWorkflows }: { namespace: string; openWorkflows: number }) {
  const [open, setOpen] = useState(false);
  const [force, setForce] = useState(false);
  const forceId = useId();
  const remove = useApiMutation(() => trpc.namespaces.delete.mutate({ name: namespace, force }));

  return (
    <section className={`${pageStyles.section} ${styles.danger}`} aria-labelledby="delete-heading">
      <h2 id="delete-heading">Delete namespace</h2>
      <p>
        Workflows in {namespace} stop being reachable at once; the name stays taken. This cannot be undone.
      </p>
      <div>
        <button
          type="button"
          className={`button ${styles.dangerButton}`}
          onClick={() => {
            remove.reset();
            setOpen(true);
          }}
        >
          Delete {namespace}…
        </button>
      </div>
      <ConfirmDialog
        open={open}
        title={`Delete ${namespace}?`}
        confirmLabel="Delete namespace"
        pending={remove.pending}
        error={remove.error}
        onClose={() => setOpen(false)}
        onConfirm={async () => {
          if (await remove.run(undefined)) window.location.assign('/namespaces');
        }}
      >
        <p>
          {openWorkflows > 0
            ? `${namespace} has ${openWorkflows} open workflows.`
            : `${namespace} has no open workflows.`}
        </p>
        <div className={formStyles.choice}>
          <input
            id={forceId}
            type="checkbox"
            checked={force}
            onChange={(event) => setForce(event.target.checked)}
          />
          <label htmlFor={forceId}>Delete even if workflows are still open</label>
        </div>
      </ConfirmDialog>
    </section>
  );
}
