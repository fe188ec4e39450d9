const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * Serialises a value for a `jsonb` parameter. PostgreSQL refuses NUL and unpaired surrogates in
 * jsonb text, and one pasted odd character must not make a conversation unsaveable, so those
 * become U+FFFD. `undefined` is stored as JSON null.
 */
export function toJsonb(value: unknown): string {
  return JSON.stringify(value ?? null, (_key, item: unknown) =>
    typeof item === 'string' ? item.replace(UNSTORABLE, '\uFFFD') : item
  );
}
