import { editDistance } from './edit-distance';
import type { LanguageTools } from './language';

/** What a classifier reads from a text. */
export interface FeatureOptions {
  /** Keep stopwords (the crisis and FAQ models need "me", "not", "where"). */
  keepStops: boolean;
  /** Add stem pairs ("not_breath") so short phrases weigh more than loose words. */
  bigrams: boolean;
}

/** Most distinct tokens read from one text; keeps classifier scores finite and time bounded. */
const MAX_TOKENS = 60;
const CACHE_LIMIT = 5000;

/**
 * Turns text into classifier features: tokens, typo-corrected against the words seen in
 * training ("evictd" → "evicted"), then stemmed. One instance per locale.
 */
export class FeatureExtractor {
  /** Each training word under itself and every form with one letter dropped ("evictd" and "evicted" meet at "evicte"/"evictd"). */
  private readonly neighbours = new Map<string, string[]>();
  private readonly frequency = new Map<string, number>();
  private readonly corrections = new Map<string, string>();

  constructor(
    private readonly tools: LanguageTools,
    trainingTexts: Iterable<string>
  ) {
    for (const text of trainingTexts) {
      for (const word of tools.tokenize(text)) this.frequency.set(word, (this.frequency.get(word) ?? 0) + 1);
    }
    for (const word of this.frequency.keys()) {
      if (word.length < tools.minCorrectable - 1) continue;
      for (const key of deletions(word)) {
        const list = this.neighbours.get(key);
        if (list === undefined) this.neighbours.set(key, [word]);
        else list.push(word);
      }
    }
  }

  /** The words of a text, with unknown words replaced by their nearest training word unless `exact`. */
  words(text: string, exact = false): string[] {
    const tokens = this.tools.tokenize(text).slice(0, MAX_TOKENS);
    return exact ? tokens : tokens.map((t) => this.correct(t));
  }

  /**
   * Stems (and optionally stem pairs) of a text, in order, without duplicates. Training text is
   * read `exact`: it defines the vocabulary rather than being corrected towards it.
   */
  features(text: string, options: FeatureOptions, exact = false): string[] {
    return this.featuresOf(this.words(text, exact), options);
  }

  /** `features` of words already read with `words`, so one reading can serve several options. */
  featuresOf(words: string[], options: FeatureOptions): string[] {
    const stems = words.filter((w) => options.keepStops || !this.tools.stopwords.has(w)).map((w) => this.tools.stem(w));
    const out = new Set(stems);
    if (options.bigrams) {
      for (let i = 1; i < stems.length; i++) out.add(`${stems[i - 1]}_${stems[i]}`);
    }
    return [...out];
  }

  private correct(token: string): string {
    if (this.frequency.has(token) || token.length < this.tools.minCorrectable || /\d/.test(token)) return token;
    const cached = this.corrections.get(token);
    if (cached !== undefined) return cached;
    const max = token.length >= 8 ? 2 : 1;
    let best = token;
    let bestDistance = max + 1;
    let bestFrequency = 0;
    // Candidates share the word or a one-letter deletion with the token: every word one edit away,
    // and most two away, found by look-up instead of a walk over the vocabulary.
    const seen = new Set<string>();
    for (const key of deletions(token)) {
      for (const word of this.neighbours.get(key) ?? []) {
        if (seen.has(word)) continue;
        seen.add(word);
        const distance = editDistance(token, word, max);
        const frequency = this.frequency.get(word) ?? 0;
        if (distance < bestDistance || (distance === bestDistance && distance <= max && frequency > bestFrequency)) {
          best = word;
          bestDistance = distance;
          bestFrequency = frequency;
        }
      }
    }
    // Bounded so a long stream of odd words cannot grow memory without limit.
    if (this.corrections.size >= CACHE_LIMIT) this.corrections.clear();
    this.corrections.set(token, best);
    return best;
  }
}

/** A word and each form of it with one letter dropped. */
function deletions(word: string): string[] {
  const out = [word];
  for (let i = 0; i < word.length; i++) out.push(word.slice(0, i) + word.slice(i + 1));
  return out;
}
