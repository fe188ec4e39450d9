/** Runs work for one key at a time, in arrival order; different keys run concurrently. */
export interface SerialQueue {
  run<T>(key: string, work: () => Promise<T>): Promise<T>;
}

/**
 * Two messages posted quickly to one conversation would otherwise be two overlapping turns over
 * the same saved snapshot; queueing them keeps turns in order on this replica.
 */
export function createSerialQueue(): SerialQueue {
  const tails = new Map<string, Promise<unknown>>();
  return {
    run(key, work) {
      const previous = tails.get(key) ?? Promise.resolve();
      const result = previous.then(work);
      const tail = result.catch(() => undefined);
      tails.set(key, tail);
      void tail.then(() => {
        if (tails.get(key) === tail) tails.delete(key);
      });
      return result;
    }
  };
}
