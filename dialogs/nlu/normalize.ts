/** Text clean-up shared by every NLU step. Pure and linear in the input length. */

/** Longest prefix the classifiers look at; the crisis lexicon still scans the whole text. */
export const ANALYSED_PREFIX = 1000;

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', '#39': "'" };

/** Strips HTML tags and common entities, unifies apostrophes and collapses whitespace. */
export function cleanText(raw: string): string {
  return raw
    // Only what looks like a tag: "rent is <800 and >500" keeps its numbers.
    .replace(/<\/?[a-z!][^<>]{0,500}>/gi, ' ')
    .replace(/&(amp|lt|gt|quot|apos|nbsp|#39);/g, (_m, name: string) => ENTITIES[name] ?? ' ')
    .replace(/[\u2018\u2019\u02bc\u0060\u00b4]/g, "'")
    .replace(/[\u201c\u201d]/g, '"')
    .replace(/\s+/g, ' ')
    .trim();
}

/** True when the text has at least one letter in any script (emoji-only text has none). */
export function hasLetters(text: string): boolean {
  return /\p{L}/u.test(text);
}

/** The start of a long message, cut at a word boundary, for the classifiers. */
export function analysedPrefix(text: string, max = ANALYSED_PREFIX): string {
  if (text.length <= max) return text;
  const cut = text.lastIndexOf(' ', max);
  return text.slice(0, cut > max / 2 ? cut : max);
}

/**
 * Lower-case letters and digits separated by single spaces, apostrophes dropped ("don't" → "dont"),
 * diacritics kept: the form short phrases and button titles are compared in.
 */
export function simplify(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/['\u2019]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}
