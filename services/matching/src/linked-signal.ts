/**
 * Runs `run` with a signal that aborts when any of `signals` does, and unhooks it afterwards.
 * (AbortSignal.any keeps composite signals reachable from a long-lived source on some Node versions;
 * the engine's closing signal lives as long as the process, and every poll would add one.)
 */
export async function withLinkedSignal<T>(
  signals: AbortSignal[],
  run: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  const controller = new AbortController();
  const abort = () => controller.abort();
  for (const signal of signals) {
    if (signal.aborted) controller.abort();
    else signal.addEventListener('abort', abort, { once: true });
  }
  try {
    return await run(controller.signal);
  } finally {
    for (const signal of signals) signal.removeEventListener('abort', abort);
  }
}
