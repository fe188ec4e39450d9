import de from '../../locales/de.json';
import en from '../../locales/en.json';
import nb from '../../locales/nb.json';
import zhHans from '../../locales/zh-Hans.json';
import zhHant from '../../locales/zh-Hant.json';
import type { Locale } from '../types';
import type { Params } from '../intake/events';

/** One locale file: every word a person reads in that language. */
export interface LocaleFile {
  meta: { name: string; locale: string };
  messages: Record<string, string>;
  faq: Record<string, { answer: string; examples: string[] }>;
}

/**
 * The locale files that exist. A locale the agency lists but that has no file is refused at
 * start-up (see `bot/config`), so nothing falls back to English silently.
 */
const CATALOGUES: Partial<Record<Locale, LocaleFile>> = { en, nb, de, 'zh-Hans': zhHans, 'zh-Hant': zhHant };

export function availableLocales(): Locale[] {
  return Object.keys(CATALOGUES) as Locale[];
}

export function catalogue(locale: Locale): LocaleFile {
  const file = CATALOGUES[locale];
  if (!file) throw new Error(`No locale file for ${locale}`);
  return file;
}

export function hasMessage(locale: Locale, id: string): boolean {
  return Object.prototype.hasOwnProperty.call(catalogue(locale).messages, id);
}

/**
 * The message `id` in `locale` with `{name}` placeholders filled. A missing id shows as
 * `[id]` rather than crashing a person's conversation; a test makes sure none is missing.
 */
export function t(locale: Locale, id: string, params: Params = {}): string {
  const template = catalogue(locale).messages[id];
  if (template === undefined) return `[${id}]`;
  return fill(template, params);
}

export function fill(template: string, params: Params): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.prototype.hasOwnProperty.call(params, name) ? String(params[name]) : whole
  );
}

/** The placeholders a template uses, e.g. `['phone', 'agencyName']`; locales must agree on them. */
export function placeholders(template: string): string[] {
  return [...template.matchAll(/\{(\w+)\}/g)].map((match) => match[1] ?? '').sort();
}

/**
 * An answer from the record as a person reads it: a pressed button is stored as its id
 * (`since.months`, `strength.caring`, `relation.family`) and shown by its label; anything else
 * is what the person typed, returned as typed.
 */
export function answerText(locale: Locale, value: string): string {
  const key = `choice.${value.replace(':', '.')}`;
  return hasMessage(locale, key) ? t(locale, key) : value;
}

/** True when a stored answer is a pressed button rather than the person's own words. */
export function isChosenAnswer(locale: Locale, value: string): boolean {
  return hasMessage(locale, `choice.${value.replace(':', '.')}`);
}
