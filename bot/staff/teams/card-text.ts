import { t } from '../../../dialogs/render/catalogue';
import type { Locale } from '../../../dialogs/types';

/**
 * Text a person typed, made inert for a card's TextRun: TextRuns show no Markdown, but Teams
 * still expands `{{DATE(…)}}` functions, so a word joiner splits the braces without changing
 * what staff read. Template syntax (`${…}`) is data to the templating library and stays as typed.
 */
export function inert(text: string): string {
  return text.replace(/\{\{/g, '{\u2060{').replace(/\}\}/g, '}\u2060}');
}

/** A value for a FactSet, where Markdown is rendered: its special characters are escaped. */
export function plainFact(text: string): string {
  return inert(text).replace(/([\\`*_[\]#|~<>])/g, '\\$1');
}

/** A language's name in the staff language, e.g. "Norwegian Bokmål" for `nb`. */
export function languageName(language: string, staffLocale: Locale): string {
  try {
    return new Intl.DisplayNames([staffLocale], { type: 'language' }).of(language) ?? language;
  } catch {
    return language;
  }
}

/** A moment in the agency's time zone, in the staff language. */
export function staffTime(at: Date | string, staffLocale: Locale, timeZone: string): string {
  return new Intl.DateTimeFormat(staffLocale, { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(new Date(at));
}

/** A staff-facing message; staff words live in the locale files under `staff.`. */
export function staffSay(staffLocale: Locale, id: string, params: Record<string, string | number> = {}): string {
  return t(staffLocale, id, params);
}
