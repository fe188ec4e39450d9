/** Wakes this process's open streams when an activity is stored for their conversation. */
export interface ActivityHub {
  /** Returns the function that stops listening. */
  subscribe(conversationId: string, listener: () => void): () => void;
  notify(conversationId: string): void;
}

/** In-process only: other replicas' writes reach a stream through its database poll. */
export function createActivityHub(): ActivityHub {
  const listeners = new Map<string, Set<() => void>>();
  return {
    subscribe(conversationId, listener) {
      const set = listeners.get(conversationId) ?? new Set<() => void>();
      set.add(listener);
      listeners.set(conversationId, set);
      return () => {
        set.delete(listener);
        if (set.size === 0 && listeners.get(conversationId) === set) listeners.delete(conversationId);
      };
    },
    notify(conversationId) {
      for (const listener of listeners.get(conversationId) ?? []) listener();
    }
  };
}
