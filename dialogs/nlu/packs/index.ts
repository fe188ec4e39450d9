import type { Locale } from '../../types';
import type { LocalePack } from '../language';
import { loadGerman } from './de';
import { loadEnglish } from './en';
import { loadNorwegian } from './nb';
import { loadChineseSimplified, loadChineseTraditional } from './zh';

/**
 * The locales the NLU can understand, each loaded on first use. A new locale plugs in here with
 * its data (the `faq` and `nlu` sections of its locale file) and its own tokenizer and stemmer.
 */
export const PACK_LOADERS: Partial<Record<Locale, () => LocalePack>> = {
  en: loadEnglish,
  nb: loadNorwegian,
  de: loadGerman,
  'zh-Hans': loadChineseSimplified,
  'zh-Hant': loadChineseTraditional
};
