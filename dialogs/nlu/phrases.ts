import { editDistance } from './edit-distance';
import { memo } from './memo';
import { simplify } from './normalize';

/**
 * Compares short messages with short phrases ("start over", "yes please") after simplifying both
 * and dropping the locale's filler words, allowing a typo that scales with the phrase's length.
 */
export class PhraseNormalizer {
  private readonly fillers: string[][];
  // The same message is compared with many phrase sets; these are pure, so each is computed once.
  private readonly forms = memo((text) => this.phraseForm(text));
  private readonly simples = memo((text) => simplify(this.form(text)));
  private readonly cores = memo((text) => this.withoutFillers(text));

  /** @param phraseForm the locale's rewrite of short text (see `LanguageTools.phraseForm`). */
  constructor(
    fillers: string[],
    private readonly phraseForm: (text: string) => string = (text) => text
  ) {
    this.fillers = fillers
      .map((f) => this.simple(f).split(' ').filter(Boolean))
      .filter((f) => f.length > 0)
      .sort((a, b) => b.length - a.length);
  }

  /** The text in the locale's phrase form (words spaced for Chinese), not yet simplified. */
  form(text: string): string {
    return this.forms(text);
  }

  /** The text in the locale's phrase form, simplified. */
  simple(text: string): string {
    return this.simples(text);
  }

  /** The simplified text without filler words; the simplified text itself if only fillers remain. */
  core(text: string): string {
    return this.cores(text);
  }

  private withoutFillers(text: string): string {
    const simple = this.simple(text);
    let tokens = simple.split(' ').filter(Boolean);
    // Removing a filler only drops tokens, so a filler with a word not in the text never matches.
    const present = new Set(tokens);
    for (const filler of this.fillers) if (filler.every((word) => present.has(word))) tokens = removeSequence(tokens, filler);
    return tokens.length > 0 ? tokens.join(' ') : simple;
  }
}

function removeSequence(tokens: string[], sequence: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    if (sequence.every((s, k) => tokens[i + k] === s)) {
      i += sequence.length - 1;
      continue;
    }
    out.push(tokens[i]);
  }
  return out;
}

/** How many edits a phrase of this length tolerates. Short words only tolerate swapped letters. */
export function allowedEdits(length: number): number {
  if (length <= 4) return 0;
  if (length <= 7) return 1;
  if (length <= 14) return 2;
  return 3;
}

/**
 * Distance between a typed text and a phrase, or undefined when they are too far apart.
 * Short phrases accept only a swap of two letters ("yse" for "yes").
 */
export function nearDistance(text: string, phrase: string): number | undefined {
  if (text === phrase) return 0;
  if (HAN.test(text) || HAN.test(phrase)) return nearHanDistance(text, phrase);
  const longest = Math.max(text.length, phrase.length);
  const allowed = allowedEdits(longest);
  if (allowed === 0) {
    return text.length === phrase.length && editDistance(text, phrase, 1) === 1 && sameLetters(text, phrase) ? 1 : undefined;
  }
  const distance = editDistance(text, phrase, allowed);
  return distance <= allowed ? distance : undefined;
}

const HAN = /\p{Script=Han}/u;
/** Chinese characters that turn a statement round ("不删除", Cantonese "唔急"); no near match may add or drop one. */
const HAN_NEGATIONS = /[不没沒别別未无無非勿莫唔冇]/gu;

/**
 * Chinese: one character is a syllable with a meaning of its own, and swapping two makes another
 * word (人工, 工人), so only longer phrases tolerate one changed character (a wrong pick from the
 * input method), two from eleven characters on, and never one that adds or drops a negation.
 */
function nearHanDistance(text: string, phrase: string): number | undefined {
  const a = text.replace(/ /g, '');
  const b = phrase.replace(/ /g, '');
  if (a === b) return 0;
  if (hanNegations(a) !== hanNegations(b)) return undefined;
  const longest = Math.max(a.length, b.length);
  const allowed = longest <= 5 ? 0 : longest <= 10 ? 1 : 2;
  if (allowed === 0) return undefined;
  const distance = editDistance(a, b, allowed);
  return distance <= allowed ? distance : undefined;
}

/** The negating Chinese characters of a text, in order ("不…没" → "不没"); empty for none. */
export function hanNegations(text: string): string {
  return (text.match(HAN_NEGATIONS) ?? []).join('');
}

function sameLetters(a: string, b: string): boolean {
  return [...a].sort().join('') === [...b].sort().join('');
}

/** A set of phrases with their simplified forms, for exact and near matching. */
export class PhraseSet {
  private readonly exact: Set<string>;
  /** The exact phrases with what the near match needs first: Chinese or not, and lengths. */
  private readonly near: Array<{ phrase: string; han: boolean; length: number; joined: number }>;
  /** Phrases made only of symbols ("?", "👍"), compared as typed. */
  private readonly symbols: Set<string>;

  constructor(
    phrases: string[],
    private readonly normalizer: PhraseNormalizer
  ) {
    this.exact = new Set(phrases.map((p) => normalizer.core(p)).filter(Boolean));
    this.symbols = new Set(phrases.filter((p) => normalizer.simple(p) === '').map((p) => p.trim()));
    this.near = [...this.exact].map((phrase) => ({ phrase, han: HAN.test(phrase), length: phrase.length, joined: phrase.replace(/ /g, '').length }));
  }

  /** 0 for an exact match, the edit distance for a near one, undefined for none. */
  distance(text: string, fuzzy = true): number | undefined {
    if (this.symbols.has(text.trim())) return 0;
    const core = this.normalizer.core(text);
    if (core === '') return undefined;
    if (this.exact.has(core)) return 0;
    if (!fuzzy) return undefined;
    let best: number | undefined;
    const han = HAN.test(core);
    const joined = core.replace(/ /g, '').length;
    for (const { phrase, han: phraseHan, length, joined: phraseJoined } of this.near) {
      // nearDistance allows at most 3 edits (2 between Chinese texts, spaces dropped), so a
      // phrase whose length differs by more is never near.
      if (han || phraseHan ? Math.abs(joined - phraseJoined) > 2 : Math.abs(core.length - length) > 3) continue;
      const d = nearDistance(core, phrase);
      if (d !== undefined && (best === undefined || d < best)) best = d;
    }
    return best;
  }
}
