import { CATEGORIES, type Category, type CrisisType } from '../types';
import type { FeatureExtractor, FeatureOptions } from './features';
import type { CrisisData, NluLocaleData } from './locale-data';
import { analysedPrefix } from './normalize';
import { TextClassifier } from './text-classifier';

/**
 * How strong a crisis signal is: `explicit` danger (the lexicon) interrupts at once and alerts
 * staff; a weaker signal (the classifier alone) gets a gentle `check-in` in the flow.
 */
export type CrisisTier = 'explicit' | 'check-in';

/** A crisis signal and what found it. */
export interface CrisisHit {
  type: CrisisType;
  source: 'lexicon' | 'classifier';
  tier: CrisisTier;
}

/**
 * The classifier flags a message when "safe" is less likely than this: above an even split on
 * purpose, since a false alarm costs a question and a missed crisis can cost a life.
 */
export const SAFE_BELOW = 0.6;
/** A single known word is too little evidence for the classifier to raise an alarm on. */
const MIN_KNOWN_FEATURES = 2;
/** A message shorter than this needs two telling words before the classifier raises an alarm. */
const MIN_WORDS_FOR_ONE_CLUE = 5;
/** How much of the end of a long message the classifier also reads. */
const TAIL = 600;
/** Where types overlap, the more specific one wins ("my dad hits me" is a child at risk). */
const TYPE_ORDER: CrisisType[] = ['self_harm', 'child_at_risk', 'violence', 'medical'];
const FEATURES: FeatureOptions = { keepStops: true, bigrams: true };
const CONTENT: FeatureOptions = { keepStops: false, bigrams: false };
/** Low, so one telling word ("pills", "goodbye") counts; chosen with SAFE_BELOW on held-out sets. */
const SMOOTHING = 0.2;
/** Category examples that also read as "safe": none of these describe danger in itself. */
const SAFE_CATEGORIES: Category[] = CATEGORIES.filter((c) => c !== 'violence' && c !== 'mental_health');
const MASK = ' ~ ';

/** One locale's compiled crisis lexicon. */
export class CrisisLexicon {
  private readonly figurative: RegExp[];
  private readonly negations: RegExp[];
  private readonly patterns: Array<[CrisisType, RegExp[]]>;

  constructor(data: CrisisData, locale: string) {
    const compile = (source: string, flags: string): RegExp => {
      const expanded = source.replace(/\{([a-z_][a-z0-9_]*)\}/g, (_whole, name: string) => {
        const term = data.terms[name];
        if (term === undefined) throw new Error(`[${locale}] nlu.crisis: pattern ${JSON.stringify(source)} names an unknown term {${name}}`);
        return term;
      });
      try {
        return new RegExp(expanded, flags);
      } catch (error) {
        throw new Error(`[${locale}] nlu.crisis: bad pattern ${JSON.stringify(source)}: ${(error as Error).message}`);
      }
    };
    this.figurative = data.figurative.map((s) => compile(s, 'gi'));
    this.negations = data.negations.map((s) => compile(s, 'gi'));
    this.patterns = TYPE_ORDER.map((type) => [type, data.patterns[type].map((s) => compile(s, 'i'))]);
  }

  /** The text with idioms and clearly negated statements blanked out. */
  mask(lowerText: string): string {
    let text = lowerText;
    for (const re of this.figurative) text = text.replace(re, MASK);
    for (const re of this.negations) text = text.replace(re, MASK);
    return text;
  }

  /** The first crisis type whose pattern occurs in an already masked text. */
  scan(maskedText: string): CrisisType | undefined {
    for (const [type, patterns] of this.patterns) {
      if (patterns.some((re) => re.test(maskedText))) return type;
    }
    return undefined;
  }
}

/** A classifier for indirect phrasing the lexicon cannot list ("I've given away my things"). */
export class CrisisClassifier {
  private readonly classifier = new TextClassifier('bayes', SMOOTHING);

  constructor(
    private readonly extractor: FeatureExtractor,
    data: NluLocaleData
  ) {
    for (const example of data.crisis.examples.crisis) this.add(example.text, example.type);
    for (const text of data.crisis.examples.safe) this.add(text, 'safe');
    for (const category of SAFE_CATEGORIES) for (const text of data.categories[category]) this.add(text, 'safe');
    // What people ordinarily answer to each question (children, an ex, an illness) is not danger.
    for (const answers of Object.values(data.ordinary)) for (const text of answers) this.add(text, 'safe');
    this.classifier.train();
  }

  classify(maskedText: string): CrisisType | undefined {
    const words = this.extractor.words(maskedText);
    const features = this.extractor.featuresOf(words, FEATURES);
    if (this.classifier.knownFeatures(features).length < MIN_KNOWN_FEATURES) return undefined;
    // Function words alone ("i'm ... if i") lean towards the first-person crisis examples, and one
    // word is too little to go on in a short answer ("no, i don't").
    const content = this.classifier.knownFeatures(this.extractor.featuresOf(words, CONTENT)).length;
    // Corrected words are as many as the words typed.
    if (content === 0 || (content === 1 && words.length < MIN_WORDS_FOR_ONE_CLUE)) return undefined;
    const ranked = this.classifier.rank(features);
    const safe = ranked.find((r) => r.label === 'safe')?.probability ?? 0;
    const top = ranked.find((r) => r.label !== 'safe');
    return safe < SAFE_BELOW && top !== undefined ? (top.label as CrisisType) : undefined;
  }

  private add(text: string, label: string): void {
    this.classifier.add(this.extractor.features(text, FEATURES, true), label);
  }
}

/**
 * Runs on every message. Every loaded locale's idioms and negations are masked first, since people
 * switch language and one locale's "not suicidal" must not be read by another's lexicon; then each
 * lexicon scans the whole text (cheap regular expressions), the conversation's locale first. A hit
 * there is explicit. Otherwise the classifier reads the start and the end of the message; its hit
 * is a weaker signal, unless the message reads like an ordinary answer to the question on screen.
 * Errs towards a check-in.
 */
export function detectCrisis(
  cleanedText: string,
  own: { lexicon: CrisisLexicon; classifier: CrisisClassifier },
  others: CrisisLexicon[],
  isOrdinaryAnswer: (text: string) => boolean = () => false
): CrisisHit | undefined {
  const lower = cleanedText.toLowerCase();
  let masked = own.lexicon.mask(lower);
  for (const other of others) masked = other.mask(masked);
  const type = own.lexicon.scan(masked) ?? others.map((l) => l.scan(masked)).find((t) => t !== undefined);
  if (type !== undefined) return { type, source: 'lexicon', tier: 'explicit' };
  const parts = masked.length > TAIL * 2 ? [analysedPrefix(masked), masked.slice(-TAIL)] : [masked];
  for (const part of parts) {
    const guess = own.classifier.classify(part);
    if (guess !== undefined && !isOrdinaryAnswer(cleanedText)) return { type: guess, source: 'classifier', tier: 'check-in' };
  }
  return undefined;
}
