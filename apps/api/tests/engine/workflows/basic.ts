// Small workflows shared by the start, describe, history, sticky and timeout tests.
import { ApplicationFailure, condition, defineQuery, defineSignal, setHandler } from '@temporalio/workflow';

export const finishSignal = defineSignal<[string]>('finish');
export const phaseQuery = defineQuery<string>('phase');

export async function echo(value: string): Promise<string> {
  return value;
}

export async function failWith(message: string): Promise<never> {
  throw ApplicationFailure.create({ message, type: 'EngineTestFailure', nonRetryable: true });
}

/** Waits for the `finish` signal and returns its argument; `phase` answers where it is. */
export async function waitForFinish(): Promise<string> {
  let finishedWith: string | undefined;
  setHandler(finishSignal, (value) => {
    finishedWith = value;
  });
  setHandler(phaseQuery, () => (finishedWith === undefined ? 'waiting' : 'finished'));
  await condition(() => finishedWith !== undefined);
  return finishedWith!;
}
