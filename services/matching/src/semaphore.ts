/**
 * Caps how many callers run a section at once; the rest wait in arrival order. Matching uses it to bound
 * the pool connections held by open backlog claims (see backlog-store.ts).
 */
export class Semaphore {
  private available: number;
  private readonly waiting: (() => void)[] = [];

  constructor(permits: number) {
    if (!Number.isInteger(permits) || permits < 1)
      throw new Error(`permits must be a positive integer, got ${permits}`);
    this.available = permits;
  }

  async run<T>(section: () => Promise<T>): Promise<T> {
    await this.acquire();
    try {
      return await section();
    } finally {
      this.release();
    }
  }

  private acquire(): Promise<void> {
    if (this.available > 0) {
      this.available -= 1;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private release(): void {
    const next = this.waiting.shift();
    // Hand the permit straight to the next waiter so a newcomer cannot overtake it.
    if (next) next();
    else this.available += 1;
  }
}
