import { detectAll } from 'tinyld';
import type { Locale } from '../types';

/** tinyld's language codes for our locales; Chinese script is told apart separately. */
const LANGUAGE_OF: Record<Locale, string> = { en: 'en', nb: 'no', de: 'de', 'zh-Hans': 'zh', 'zh-Hant': 'zh' };

/**
 * Characters that exist only in Traditional or only in Simplified writing, among the most common
 * ones that differ. Enough to tell the scripts apart in a sentence or two.
 */
const TRADITIONAL_ONLY = /[們個這說時會來對過還麼與問題錢給讓從開關無後學請應該幫報費經濟職業護醫療險當舊發現認識準備議論體賬務實際]/u;
const SIMPLIFIED_ONLY = /[们个这说时会来对过还么与问题钱给让从开关无后学请应该帮报费经济职业护医疗险当旧发现认识准备议论体账务实际]/u;

/** Shorter than this says too little about its language ("hi", "ok", "hallo"). */
const MIN_LETTERS = 12;
const MIN_HAN = 3;
const MIN_CONFIDENCE = 0.1;

/**
 * The locale a message is written in, among the offered ones, or undefined when the message is
 * too short or the guess too weak to act on. Used on a person's first substantial message.
 */
export function detectLocale(text: string, offered: readonly Locale[]): Locale | undefined {
  const han = text.match(/\p{Script=Han}/gu)?.length ?? 0;
  if (han >= MIN_HAN) return chineseScript(text, offered);
  const letters = text.match(/\p{L}/gu)?.length ?? 0;
  if (letters < MIN_LETTERS) return undefined;
  const languages = [...new Set(offered.filter((locale) => !locale.startsWith('zh')).map((locale) => LANGUAGE_OF[locale]))];
  const best = detectAll(text, { only: languages })[0];
  if (!best || best.accuracy < MIN_CONFIDENCE) return undefined;
  return offered.find((locale) => LANGUAGE_OF[locale] === best.lang);
}

function chineseScript(text: string, offered: readonly Locale[]): Locale | undefined {
  const traditional = (text.match(new RegExp(TRADITIONAL_ONLY.source, 'gu'))?.length ?? 0) > (text.match(new RegExp(SIMPLIFIED_ONLY.source, 'gu'))?.length ?? 0);
  const preferred: Locale = traditional ? 'zh-Hant' : 'zh-Hans';
  if (offered.includes(preferred)) return preferred;
  return offered.find((locale) => locale.startsWith('zh'));
}
