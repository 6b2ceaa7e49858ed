'use client';

import { useState, type ReactNode } from 'react';
import { useApiMutation } from '../../../../../../lib/trpc/use-api-mutation.ts';
import { ConfirmDialog } from '../../../../../../components/ui/confirm-dialog.tsx';

/**
 * One action on a run behind a confirmation dialog: the button opens it, the dialog's fields (its
 * children) say what exactly happens, and the call runs only on confirm. `onDone` follows success.
 */
export function WorkflowAction<O>(props: {
  label: string;
  title: string;
  confirmLabel: string;
  call(): Promise<O>;
  onDone(output: O): void;
  children: ReactNode;
}) {
  const [open, setOpen] = useState(false);
  const action = useApiMutation(() => props.call());
  return (
    <>
      <button
        type="button"
        className="button"
        onClick={() => {
          action.reset();
          setOpen(true);
        }}
      >
        {props.label}
      </button>
      <ConfirmDialog
        open={open}
        title={props.title}
        confirmLabel={props.confirmLabel}
        pending={action.pending}
        error={action.error}
        onClose={() => setOpen(false)}
        onConfirm={async () => {
          const output = await action.run(undefined);
          if (output !== undefined) {
            setOpen(false);
            props.onDone(output);
          }
        }}
      >
        {props.children}
      </ConfirmDialog>
    </>
  );
}
