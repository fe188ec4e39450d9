/**
 * Remembers a function's results for recent inputs. Training reads the same example texts in
 * several models, and a conversation's message in several readers; the bound keeps a stream of
 * messages from growing memory (the whole cache is dropped when full, which is cheap and rare).
 */
export function memo<T>(compute: (text: string) => T, limit = 2000): (text: string) => T {
  const cache = new Map<string, T>();
  return (text) => {
    let value = cache.get(text);
    if (value === undefined) {
      value = compute(text);
      if (cache.size >= limit) cache.clear();
      cache.set(text, value);
    }
    return value;
  };
}

/** A remembered tokenizer hands out copies, so a caller that changes its list changes no other's. */
export function tokenized(tokenize: (text: string) => string[]): (text: string) => string[] {
  return (text) => tokenize(text).slice();
}
