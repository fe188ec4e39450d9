/** Runs work for one conversation at a time, in arrival order; different conversations run concurrently. */
export interface ConversationLock {
  run<T>(conversationId: string, work: () => Promise<T>): Promise<T>;
}

/**
 * The one per-conversation lock of this process: two quick messages to one conversation would
 * otherwise be two overlapping turns over the same saved snapshot. The agent takes it around each
 * turn, whichever channel the message came from.
 */
export function createConversationLock(): ConversationLock {
  const tails = new Map<string, Promise<unknown>>();
  return {
    run(conversationId, work) {
      const previous = tails.get(conversationId) ?? Promise.resolve();
      const result = previous.then(work);
      const tail = result.catch(() => undefined);
      tails.set(conversationId, tail);
      void tail.then(() => {
        if (tails.get(conversationId) === tail) tails.delete(conversationId);
      });
      return result;
    }
  };
}
