'use client';

import { useState } from 'react';
import { trpc } from '../../../../../../lib/trpc/browser-client.ts';
import { useApiMutation } from '../../../../../../lib/trpc/use-api-mutation.ts';
import { useApiQuery } from '../../../../../../lib/trpc/use-api-query.ts';
import { FormAlert } from '../../../../../../components/ui/form-alert.tsx';
import { TextField } from '../../../../../../components/ui/text-field.tsx';
import type { SavedView } from './workflow-types.ts';
import styles from './workflows.module.css';

/** The user's saved filters of this namespace: open one, save the current filter and columns, delete. */
export function SavedViews(props: {
  namespace: string;
  query: string;
  columns: readonly string[];
  onOpen(view: SavedView): void;
}) {
  const { namespace } = props;
  const views = useApiQuery(`saved-views:${namespace}`, () => trpc.savedViews.list.query({ namespace }));
  const [name, setName] = useState('');
  const create = useApiMutation((input: { name: string }) =>
    trpc.savedViews.create.mutate({
      namespace,
      name: input.name,
      query: props.query,
      columns: [...props.columns],
    }),
  );
  const remove = useApiMutation((id: string) => trpc.savedViews.delete.mutate({ namespace, id }));

  return (
    <div className={styles.savedViews}>
      {views.state === 'ready' && views.data.length > 0 && (
        <ul className={styles.viewList} aria-label="Saved views">
          {views.data.map((view) => (
            <li key={view.id}>
              <button type="button" className={styles.facet} onClick={() => props.onOpen(view)}>
                {view.name}
              </button>
              <button
                type="button"
                className={styles.linkButton}
                aria-label={`Delete saved view ${view.name}`}
                onClick={async () => {
                  if (await remove.run(view.id)) views.reload();
                }}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      <form
        className={styles.saveView}
        onSubmit={async (event) => {
          event.preventDefault();
          if (await create.run({ name })) {
            setName('');
            views.reload();
          }
        }}
      >
        <TextField
          label="Save this view as"
          name="name"
          value={name}
          error={create.error}
          onChange={(event) => setName(event.target.value)}
        />
        <button type="submit" className="button" aria-disabled={create.pending}>
          Save view
        </button>
      </form>
      <FormAlert error={create.error ?? remove.error} />
    </div>
  );
}
