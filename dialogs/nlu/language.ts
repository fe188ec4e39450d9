import type { Locale } from '../types';
import type { NluLocaleData } from './locale-data';

/** How one language is cut into words and reduced to stems; each locale brings its own. */
export interface LanguageTools {
  /** Lower-cased word tokens of a cleaned text. */
  tokenize(text: string): string[];
  /** The stem a word is counted under by the classifiers. */
  stem(word: string): string;
  /** Words too common to say anything about a service category. */
  stopwords: ReadonlySet<string>;
  /** Shorter words are never typo-corrected (too many near neighbours). */
  minCorrectable: number;
  /**
   * Rewrites a short message before it is compared with phrases and button titles. Languages
   * written without spaces (Chinese) put spaces between words here, so fillers and word counts
   * work as they do elsewhere. Absent: the text is compared as it is.
   */
  phraseForm?(text: string): string;
}

/** A locale's NLU: its data from `locales/<locale>.json` and its language tools. */
export interface LocalePack {
  locale: Locale;
  data: NluLocaleData;
  tools: LanguageTools;
}
