/**
 * Serialises transitions of the same run inside one process, so concurrent requests for a run (a
 * signal storm, an activity completing while its workflow task completes) queue up instead of
 * colliding on db_version and retrying. Across processes db_version still decides.
 */
export class RunLocks {
  private readonly tails = new Map<string, Promise<void>>();

  async withLock<T>(runId: string, action: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(runId) ?? Promise.resolve();
    let release!: () => void;
    const mine = new Promise<void>((resolve) => (release = resolve));
    const tail = previous.then(() => mine);
    this.tails.set(runId, tail);
    await previous;
    try {
      return await action();
    } finally {
      release();
      if (this.tails.get(runId) === tail) this.tails.delete(runId);
    }
  }
}
