import { NEGATIONS } from './answers';
import type { NluLocaleData } from './locale-data';
import { simplify } from './normalize';
import { PhraseSet, type PhraseNormalizer } from './phrases';

/** The answer to "are you safe right now?": only an unambiguous yes is `safe`. */
export type SafetyAnswer = 'safe' | 'unsafe';

/** A longer answer is a story; stories are read as "not safe" and a person follows up. */
const MAX_SAFE_WORDS = 8;
const HAN = /\p{Script=Han}/u;
/** Bare acknowledgements in the yes lists of every locale (Chinese in its Simplified form). */
const ACKNOWLEDGEMENTS = new Set(['ok', 'okay', 'okey', 'okei', 'oki', 'okk', 'k', 'kk', 'alright', 'allright', 'greit', 'okidoki', '好的', '好', '行', '可以', '好吧', 'ok的']);
/** Words for "nobody" and "nothing", which turn a phrase round like a negation. */
const NOBODY = new Set(['nobody', 'noone', 'none', 'niemand', 'keiner', 'nichts', 'ingen', 'ingenting', 'inga']);

/**
 * Reads answers to the safety question. A yes is safe only when it is a complete, plain safe
 * answer of the locale ("yes", "im safe now") with no hedge in it ("for now", "but", "he",
 * "tonight"); everything else — a qualifier, an unrelated answer, silence about safety — takes the
 * not-safe path, because wrongly reassuring costs more than one more question.
 */
export class SafetyReader {
  private readonly safe: PhraseSet;
  private readonly hedges: string[];
  /** Every word of the locale's plain safe answers, and those that say "safe" or "yes" on their own. */
  private readonly safeWords = new Set<string>();
  private readonly sayingSafe = new Set<string>();

  constructor(
    data: NluLocaleData,
    private readonly normalizer: PhraseNormalizer
  ) {
    // Hedges are read in the locale's phrase form, as messages are (Chinese: both scripts as Simplified).
    this.hedges = data.safety.hedges.map((hedge) => simplify(normalizer.form(hedge))).filter(Boolean);
    // "ok" acknowledges the message as readily as it answers the question: not a plain yes here.
    const plainYes = data.yes.filter((yes) => !this.hedged(simplify(normalizer.form(yes))) && !ACKNOWLEDGEMENTS.has(simplify(normalizer.form(yes))));
    this.safe = new PhraseSet([...data.safety.safe, ...plainYes], normalizer);
    for (const phrase of [...data.safety.safe, ...plainYes]) {
      const words = simplify(normalizer.form(phrase)).split(' ').filter(Boolean);
      // "no danger", "keine Gefahr", "niemand tut mir was": safe only as a whole; their words
      // ("danger", "tut was") must not make "yes, something is happening" safe.
      if (words.some((word) => NEGATIONS.has(word) || NOBODY.has(word))) continue;
      for (const word of words) this.safeWords.add(word);
      if (words.length === 1) this.sayingSafe.add(words[0]!);
    }
  }

  read(text: string): SafetyAnswer {
    // "yes..." trails off: a hesitation, in any language.
    if (/\.\.|…|。。/.test(text)) return 'unsafe';
    const simple = simplify(this.normalizer.form(text));
    if (simple === '' || simple.split(' ').length > MAX_SAFE_WORDS || this.hedged(simple)) return 'unsafe';
    // One slip of the finger is forgiven; "halvt greit" (half fine) is not "helt greit" (fine).
    const distance = this.safe.distance(text);
    return (distance !== undefined && distance <= 1) || this.madeOfSafeWords(simple) ? 'safe' : 'unsafe';
  }

  /**
   * "yup totally safe", "100% safe, dont worry": a plain safe answer in other words is one made
   * only of the words of the locale's plain safe answers, with one that says "safe" or "yes" by
   * itself, and no negation. Chinese, without spaces between words, is read by the phrases alone.
   */
  private madeOfSafeWords(simple: string): boolean {
    if (HAN.test(simple)) return false;
    const words = simple.split(' ').filter((word) => !/^\d+$/.test(word));
    if (words.some((word) => NEGATIONS.has(word))) return false;
    return words.length > 0 && words.every((word) => this.safeWords.has(word)) && words.some((word) => this.sayingSafe.has(word));
  }

  private hedged(simple: string): boolean {
    const joined = simple.replace(/ /g, '');
    return this.hedges.some((hedge) => (HAN.test(hedge) ? joined.includes(hedge.replace(/ /g, '')) : ` ${simple} `.includes(` ${hedge} `)));
  }
}
