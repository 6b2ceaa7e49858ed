import { describe, expect, it } from 'vitest';
import { withLinkedSignal } from './linked-signal.ts';

describe('withLinkedSignal', () => {
  it('aborts when any source aborts', async () => {
    const first = new AbortController();
    const second = new AbortController();
    const seen = await withLinkedSignal([first.signal, second.signal], async (signal) => {
      expect(signal.aborted).toBe(false);
      second.abort();
      return signal.aborted;
    });
    expect(seen).toBe(true);
  });

  it('starts aborted when a source already is, and unhooks from its sources afterwards', async () => {
    const aborted = AbortSignal.abort();
    expect(await withLinkedSignal([aborted], async (signal) => signal.aborted)).toBe(true);

    const source = new AbortController();
    let linked: AbortSignal | undefined;
    await withLinkedSignal([source.signal], async (signal) => (linked = signal));
    source.abort();
    expect(linked?.aborted).toBe(false);
  });
});
