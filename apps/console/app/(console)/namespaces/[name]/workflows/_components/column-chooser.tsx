'use client';

import { useId } from 'react';
import formStyles from '../../../../../../components/ui/form.module.css';
import styles from './workflows.module.css';

/** Which columns the list shows: the record's fields and every custom attribute of the namespace. */
export function ColumnChooser(props: {
  available: readonly string[];
  chosen: readonly string[];
  onChange(columns: readonly string[]): void;
}) {
  const id = useId();
  return (
    <details className={styles.chooser}>
      <summary>Columns</summary>
      <fieldset className={formStyles.fieldset}>
        <legend>Columns shown</legend>
        {props.available.map((column) => (
          <div key={column} className={formStyles.choice}>
            <input
              id={`${id}-${column}`}
              type="checkbox"
              checked={props.chosen.includes(column)}
              onChange={(event) =>
                props.onChange(
                  event.target.checked
                    ? [...props.chosen, column]
                    : props.chosen.filter((chosen) => chosen !== column),
                )
              }
            />
            <label htmlFor={`${id}-${column}`}>{column}</label>
          </div>
        ))}
      </fieldset>
    </details>
  );
}
