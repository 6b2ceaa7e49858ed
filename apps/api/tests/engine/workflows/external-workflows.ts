// Workflows that signal or cancel other workflows (SignalExternal / RequestCancelExternal commands).
import { condition, defineSignal, getExternalWorkflowHandle, setHandler } from '@temporalio/workflow';

export const pokeSignal = defineSignal<[string]>('poke');

/** Returns the first poke it gets. */
export async function waitForPoke(): Promise<string> {
  let poke: string | undefined;
  setHandler(pokeSignal, (value) => {
    poke = value;
  });
  await condition(() => poke !== undefined);
  return poke!;
}

export async function pokeExternal(targetId: string, message: string): Promise<string> {
  try {
    await getExternalWorkflowHandle(targetId).signal(pokeSignal, message);
    return 'signalled';
  } catch (error) {
    return `failed: ${error instanceof Error ? error.message : String(error)}`;
  }
}

export async function cancelExternal(targetId: string): Promise<string> {
  try {
    await getExternalWorkflowHandle(targetId).cancel();
    return 'cancel requested';
  } catch (error) {
    return `failed: ${error instanceof Error ? error.message : String(error)}`;
  }
}
