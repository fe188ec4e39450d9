import { randomInt } from 'node:crypto';

/** Letters and digits that cannot be mistaken for one another when read aloud or retyped. */
export const REFERENCE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const REFERENCE_PREFIX = 'DW';
const CODE_LENGTH = 6;

/** A fresh reference such as `DW-7K3M9P`; uniqueness is left to the database. */
export function generateReference(pick: (size: number) => number = randomInt): string {
  let code = '';
  for (let i = 0; i < CODE_LENGTH; i += 1) code += REFERENCE_ALPHABET[pick(REFERENCE_ALPHABET.length)];
  return `${REFERENCE_PREFIX}-${code}`;
}

/**
 * The canonical form of a reference as a person typed it (`dw 7k3m9p`, `7K3-M9P`), or undefined
 * when it cannot be one. The prefix may be left out.
 */
export function normalizeReference(input: string): string | undefined {
  const compact = input.toUpperCase().replace(/[\s\-_.·]/g, '');
  const code =
    compact.length === CODE_LENGTH + REFERENCE_PREFIX.length && compact.startsWith(REFERENCE_PREFIX)
      ? compact.slice(REFERENCE_PREFIX.length)
      : compact;
  if (code.length !== CODE_LENGTH) return undefined;
  for (const char of code) if (!REFERENCE_ALPHABET.includes(char)) return undefined;
  return `${REFERENCE_PREFIX}-${code}`;
}
