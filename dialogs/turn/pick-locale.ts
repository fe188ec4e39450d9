import type { AgencyInfo, Locale } from '../types';

/**
 * The channel's locale ("nb-NO") mapped onto the locales the agency offers; otherwise the agency
 * default. `agency.locales` is the offered list, worked out once at start-up.
 */
export function pickLocale(requested: string | undefined, stored: string | undefined, agency: Pick<AgencyInfo, 'locales' | 'defaultLocale'>): Locale {
  const offered = agency.locales;
  const known = (value: string | undefined): Locale | undefined => {
    if (!value) return undefined;
    const lower = value.toLowerCase();
    if (lower.startsWith('zh')) {
      const traditional = /hant|tw|hk|mo/.test(lower);
      return offered.find((locale) => locale === (traditional ? 'zh-Hant' : 'zh-Hans'));
    }
    const language = lower.split(/[-_]/)[0] === 'no' || lower.startsWith('nn') ? 'nb' : lower.split(/[-_]/)[0];
    return offered.find((locale) => locale === language);
  };
  return known(stored) ?? known(requested) ?? (offered.includes(agency.defaultLocale) ? agency.defaultLocale : offered[0] ?? 'en');
}
