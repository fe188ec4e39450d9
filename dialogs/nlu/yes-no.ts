import type { NluLocaleData } from './locale-data';
import { PhraseSet, type PhraseNormalizer } from './phrases';

/** A short answer to a yes/no question. */
export type YesNo = 'yes' | 'no' | 'unsure';

/** Longer messages are statements, not answers, unless their first clause is one. */
const MAX_ANSWER_WORDS = 6;
/** The first entries of each list are plain enough to open a longer answer ("no i dont have anyone"). */
const LEAD_ENTRIES = 3;

/** Recognises yes / no / unsure answers: the whole message, its first clause, or its opening words. */
export class YesNoRecognizer {
  private readonly sets: Array<[YesNo, PhraseSet]>;
  private readonly leads: Array<[YesNo, PhraseSet]>;

  constructor(
    data: NluLocaleData,
    private readonly normalizer: PhraseNormalizer
  ) {
    // Unsure first: "not sure" must not be read as "no".
    const lists: Array<[YesNo, string[]]> = [
      ['unsure', data.unsure],
      ['no', data.no],
      ['yes', data.yes]
    ];
    this.sets = lists.map(([answer, phrases]) => [answer, new PhraseSet(phrases, normalizer)]);
    this.leads = lists.map(([answer, phrases]) => [answer, new PhraseSet(phrases.slice(0, LEAD_ENTRIES), normalizer)]);
  }

  recognize(text: string): YesNo | undefined {
    const whole = text.trim();
    // Full-width punctuation and 但是/可是 ("but") end a Chinese clause.
    const firstClause = whole.split(/[,.;:!?\n，。；：！？、]|\s[-–—]\s|\s+but\s+|但是|可是/i)[0]?.trim() ?? '';
    for (const candidate of [whole, firstClause]) {
      if (candidate === '' || this.wordCount(candidate) > MAX_ANSWER_WORDS) continue;
      const answer = match(this.sets, candidate, false) ?? match(this.sets, candidate, true);
      if (answer !== undefined) return answer;
    }
    if (this.wordCount(whole) > MAX_ANSWER_WORDS) return undefined;
    const words = this.normalizer.form(whole).split(/\s+/);
    for (let n = Math.min(3, words.length - 1); n >= 1; n--) {
      const prefix = words.slice(0, n).join(' ');
      const answer = match(this.leads, prefix, false);
      if (answer !== undefined) return answer;
    }
    return undefined;
  }

  /** Words in the locale's phrase form, so Chinese (written without spaces) is counted in words. */
  private wordCount(text: string): number {
    return this.normalizer.form(text).split(/\s+/).filter(Boolean).length;
  }
}

function match(sets: Array<[YesNo, PhraseSet]>, candidate: string, fuzzy: boolean): YesNo | undefined {
  // "yesss", "noooo": stretched letters are emphasis, not a different word.
  const squeezed = candidate.replace(/(\p{L})\1+/gu, '$1');
  let best: { answer: YesNo; distance: number } | undefined;
  for (const [answer, set] of sets) {
    for (const form of squeezed === candidate ? [candidate] : [candidate, squeezed]) {
      const distance = set.distance(form, fuzzy);
      if (distance !== undefined && (best === undefined || distance < best.distance)) best = { answer, distance };
    }
  }
  return best?.answer;
}
