'use client';

import { useId, useRef, useState, type KeyboardEvent } from 'react';
import { QueryErrorMessage } from './query-error-message.tsx';
import { applyCompletion, completionContext, matchingNames } from './query-completion.ts';
import styles from './workflows.module.css';

/**
 * The list filter input: suggests search attribute names as you type (a combobox: arrows move,
 * Enter or Tab takes the highlighted name, Escape closes), and shows the server's message for a
 * filter it cannot run, with the position marked in the text.
 */
export function QueryBox(props: {
  value: string;
  attributeNames: readonly string[];
  error: string | undefined;
  onChange(value: string): void;
  onSubmit(value: string): void;
}) {
  const { value, attributeNames, error, onChange, onSubmit } = props;
  const input = useRef<HTMLInputElement>(null);
  const [caret, setCaret] = useState(value.length);
  const [highlighted, setHighlighted] = useState(0);
  const [dismissed, setDismissed] = useState(false);
  const id = useId();

  const context = completionContext(value, caret);
  const suggestions =
    context && !dismissed && context.prefix !== '' ? matchingNames(attributeNames, context.prefix) : [];
  const open = suggestions.length > 0;

  function accept(name: string) {
    if (!context) return;
    const next = applyCompletion(value, context, caret, name);
    onChange(next.text);
    setCaret(next.caret);
    setDismissed(true);
    requestAnimationFrame(() => input.current?.setSelectionRange(next.caret, next.caret));
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (open && (event.key === 'ArrowDown' || event.key === 'ArrowUp')) {
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setHighlighted((current) => (current + step + suggestions.length) % suggestions.length);
    } else if (open && (event.key === 'Enter' || event.key === 'Tab')) {
      event.preventDefault();
      accept(suggestions[Math.min(highlighted, suggestions.length - 1)] ?? '');
    } else if (open && event.key === 'Escape') {
      event.preventDefault();
      setDismissed(true);
    }
  }

  return (
    <form
      className={styles.queryForm}
      role="search"
      onSubmit={(event) => {
        event.preventDefault();
        onSubmit(value);
      }}
    >
      <label htmlFor={`${id}-input`} className={styles.queryLabel}>
        Filter
      </label>
      <div className={styles.queryRow}>
        <div className={styles.comboBox}>
          <input
            ref={input}
            id={`${id}-input`}
            className={styles.queryInput}
            role="combobox"
            aria-autocomplete="list"
            aria-expanded={open}
            aria-controls={`${id}-list`}
            aria-activedescendant={open ? `${id}-option-${highlighted}` : undefined}
            aria-invalid={error !== undefined ? true : undefined}
            aria-describedby={error !== undefined ? `${id}-error` : undefined}
            spellCheck={false}
            autoComplete="off"
            placeholder="WorkflowType = 'order' AND ExecutionStatus = 'Running'"
            value={value}
            onChange={(event) => {
              onChange(event.target.value);
              setCaret(event.target.selectionStart ?? event.target.value.length);
              setHighlighted(0);
              setDismissed(false);
            }}
            onSelect={(event) => setCaret(event.currentTarget.selectionStart ?? value.length)}
            onKeyDown={onKeyDown}
            onBlur={() => setDismissed(true)}
          />
          <ul
            id={`${id}-list`}
            role="listbox"
            aria-label="Search attributes"
            className={styles.suggestions}
            hidden={!open}
          >
            {suggestions.map((name, index) => (
              <li
                key={name}
                id={`${id}-option-${index}`}
                role="option"
                aria-selected={index === highlighted}
                className={index === highlighted ? styles.suggestionActive : undefined}
                // mousedown, not click: the input's blur would close the list first.
                onMouseDown={(event) => {
                  event.preventDefault();
                  accept(name);
                }}
              >
                {name}
              </li>
            ))}
          </ul>
        </div>
        <button type="submit" className="button">
          Search
        </button>
      </div>
      {error !== undefined && <QueryErrorMessage id={`${id}-error`} query={value} message={error} />}
    </form>
  );
}
