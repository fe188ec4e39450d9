import type { NluLocaleData } from './locale-data';
import { simplify } from './normalize';
import { PhraseSet, type PhraseNormalizer } from './phrases';

/** The answer to "are you safe right now?": only an unambiguous yes is `safe`. */
export type SafetyAnswer = 'safe' | 'unsafe';

/** A longer answer is a story; stories are read as "not safe" and a person follows up. */
const MAX_SAFE_WORDS = 8;
const HAN = /\p{Script=Han}/u;

/**
 * Reads answers to the safety question. A yes is safe only when it is a complete, plain safe
 * answer of the locale ("yes", "im safe now") with no hedge in it ("for now", "but", "he",
 * "tonight"); everything else — a qualifier, an unrelated answer, silence about safety — takes the
 * not-safe path, because wrongly reassuring costs more than one more question.
 */
export class SafetyReader {
  private readonly safe: PhraseSet;
  private readonly hedges: string[];

  constructor(
    data: NluLocaleData,
    private readonly normalizer: PhraseNormalizer
  ) {
    // Hedges are read in the locale's phrase form, as messages are (Chinese: both scripts as Simplified).
    this.hedges = data.safety.hedges.map((hedge) => simplify(normalizer.form(hedge))).filter(Boolean);
    const plainYes = data.yes.filter((yes) => !this.hedged(simplify(normalizer.form(yes))));
    this.safe = new PhraseSet([...data.safety.safe, ...plainYes], normalizer);
  }

  read(text: string): SafetyAnswer {
    const simple = simplify(this.normalizer.form(text));
    if (simple === '' || simple.split(' ').length > MAX_SAFE_WORDS || this.hedged(simple)) return 'unsafe';
    return this.safe.distance(text) !== undefined ? 'safe' : 'unsafe';
  }

  private hedged(simple: string): boolean {
    const joined = simple.replace(/ /g, '');
    return this.hedges.some((hedge) => (HAN.test(hedge) ? joined.includes(hedge.replace(/ /g, '')) : ` ${simple} `.includes(` ${hedge} `)));
  }
}
