import { editDistance } from './edit-distance';
import { simplify } from './normalize';

/**
 * Compares short messages with short phrases ("start over", "yes please") after simplifying both
 * and dropping the locale's filler words, allowing a typo that scales with the phrase's length.
 */
export class PhraseNormalizer {
  private readonly fillers: string[][];

  constructor(fillers: string[]) {
    this.fillers = fillers
      .map((f) => simplify(f).split(' ').filter(Boolean))
      .filter((f) => f.length > 0)
      .sort((a, b) => b.length - a.length);
  }

  /** The simplified text without filler words; the simplified text itself if only fillers remain. */
  core(text: string): string {
    const simple = simplify(text);
    let tokens = simple.split(' ').filter(Boolean);
    for (const filler of this.fillers) tokens = removeSequence(tokens, filler);
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
  const longest = Math.max(text.length, phrase.length);
  const allowed = allowedEdits(longest);
  if (allowed === 0) {
    return text.length === phrase.length && editDistance(text, phrase, 1) === 1 && sameLetters(text, phrase) ? 1 : undefined;
  }
  const distance = editDistance(text, phrase, allowed);
  return distance <= allowed ? distance : undefined;
}

function sameLetters(a: string, b: string): boolean {
  return [...a].sort().join('') === [...b].sort().join('');
}

/** A set of phrases with their simplified forms, for exact and near matching. */
export class PhraseSet {
  private readonly exact: Set<string>;
  /** Phrases made only of symbols ("?", "👍"), compared as typed. */
  private readonly symbols: Set<string>;

  constructor(
    phrases: string[],
    private readonly normalizer: PhraseNormalizer
  ) {
    this.exact = new Set(phrases.map((p) => normalizer.core(p)).filter(Boolean));
    this.symbols = new Set(phrases.filter((p) => simplify(p) === '').map((p) => p.trim()));
  }

  /** 0 for an exact match, the edit distance for a near one, undefined for none. */
  distance(text: string, fuzzy = true): number | undefined {
    if (this.symbols.has(text.trim())) return 0;
    const core = this.normalizer.core(text);
    if (core === '') return undefined;
    if (this.exact.has(core)) return 0;
    if (!fuzzy) return undefined;
    let best: number | undefined;
    for (const phrase of this.exact) {
      const d = nearDistance(core, phrase);
      if (d !== undefined && (best === undefined || d < best)) best = d;
    }
    return best;
  }
}
