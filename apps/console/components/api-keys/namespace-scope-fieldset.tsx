'use client';

import { useId } from 'react';
import { trpc } from '../../lib/trpc/browser-client.ts';
import { messagesFor, type CallError } from '../../lib/trpc/call-error.ts';
import { useApiQuery } from '../../lib/trpc/use-api-query.ts';
import { FieldErrors } from '../ui/field-errors.tsx';
import { QueryView } from '../ui/query-view.tsx';
import formStyles from '../ui/form.module.css';
import styles from './api-keys.module.css';

type Props = {
  allNamespaces: boolean;
  selected: string[];
  onAllNamespacesChange(all: boolean): void;
  onSelectedChange(names: string[]): void;
  error: CallError | undefined;
};

/** Which namespaces a key may use: all of the account's (now and later) or the ones ticked. */
export function NamespaceScopeFieldset(props: Props) {
  const { allNamespaces, selected, onAllNamespacesChange, onSelectedChange, error } = props;
  const id = useId();
  const namespaces = useApiQuery('namespaces', () => trpc.namespaces.list.query());
  const messages = messagesFor(error, 'scope');

  return (
    <fieldset
      className={formStyles.fieldset}
      aria-describedby={messages.length > 0 ? `${id}-errors` : undefined}
    >
      <legend>Namespaces</legend>
      <div className={formStyles.choice}>
        <input
          id={`${id}-all`}
          type="radio"
          name="scope"
          checked={allNamespaces}
          onChange={() => onAllNamespacesChange(true)}
        />
        <label htmlFor={`${id}-all`}>All namespaces</label>
      </div>
      <div className={formStyles.choice}>
        <input
          id={`${id}-some`}
          type="radio"
          name="scope"
          checked={!allNamespaces}
          onChange={() => onAllNamespacesChange(false)}
        />
        <label htmlFor={`${id}-some`}>Selected namespaces</label>
      </div>
      {!allNamespaces && (
        <QueryView query={namespaces} what="namespaces">
          {(list) =>
            list.length === 0 ? (
              <p>This account has no namespaces yet.</p>
            ) : (
              <div className={styles.namespaceChoices}>
                {list.map(({ name }) => (
                  <div key={name} className={formStyles.choice}>
                    <input
                      id={`${id}-ns-${name}`}
                      type="checkbox"
                      checked={selected.includes(name)}
                      onChange={(event) =>
                        onSelectedChange(
                          event.target.checked ? [...selected, name] : selected.filter((n) => n !== name),
                        )
                      }
                    />
                    <label htmlFor={`${id}-ns-${name}`}>{name}</label>
                  </div>
                ))}
              </div>
            )
          }
        </QueryView>
      )}
      <FieldErrors id={`${id}-errors`} messages={messages} />
    </fieldset>
  );
}
