/**
 * Runs one turn per conversation at a time in this process, so two quick messages cannot both
 * start from the same saved snapshot. (Across replicas the last save wins; see the README.)
 */
export function createConversationLock() {
  const tails = new Map<string, Promise<unknown>>();
  return async function withLock<T>(conversationId: string, work: () => Promise<T>): Promise<T> {
    const previous = tails.get(conversationId) ?? Promise.resolve();
    const current = previous.catch(() => undefined).then(work);
    tails.set(conversationId, current);
    try {
      return await current;
    } finally {
      if (tails.get(conversationId) === current) tails.delete(conversationId);
    }
  };
}
