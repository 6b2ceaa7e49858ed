// Workflows for signal delivery and queries.
import { condition, defineQuery, defineSignal, setHandler } from '@temporalio/workflow';

export const markSignal = defineSignal<[number]>('mark');
export const marksQuery = defineQuery<number[]>('marks');
export const explodingQuery = defineQuery<string>('explode');

/** Collects the numbers signalled to it until it has `expected` of them; returns them in arrival order. */
export async function collectMarks(expected: number): Promise<number[]> {
  const marks: number[] = [];
  setHandler(markSignal, (mark) => {
    marks.push(mark);
  });
  setHandler(marksQuery, () => marks);
  setHandler(explodingQuery, () => {
    throw new Error('query handler exploded on purpose');
  });
  await condition(() => marks.length >= expected);
  return marks;
}
