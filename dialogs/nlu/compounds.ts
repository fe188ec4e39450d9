/** Words shorter than this are not split into parts. */
export const MIN_COMPOUND = 7;
/** Parts shorter than this count only at the start of a word ("rusproblemer", not "krus"). */
const MIN_INNER_PART = 4;
/** A word and what it is read as: at most this many forms, so one long word cannot dominate. */
const MAX_FORMS = 4;

/**
 * Adds to `forms` the topic parts a compound word is built from ("mietschulden" → "schulden"),
 * for languages that write compounds as one word. `parts` is sorted longest first.
 */
export function addCompoundParts(word: string, parts: readonly string[], forms: string[]): string[] {
  for (const part of parts) {
    if (forms.length >= MAX_FORMS) break;
    if (word === part || word.length < part.length + 3) continue;
    const at = word.indexOf(part);
    if ((at === 0 || (at >= 3 && part.length >= MIN_INNER_PART)) && !forms.includes(part)) forms.push(part);
  }
  return forms;
}
