import { detectLocale } from '../dialogs/nlu/detect-language';
import { LOCALES } from '../dialogs/types';

describe('detectLocale', () => {
  it('should recognise each of the five languages from a first substantial message', () => {
    expect(detectLocale("I can't pay my rent this month and I'm scared", LOCALES)).toBe('en');
    expect(detectLocale('jeg klarer ikke å betale husleia denne måneden', LOCALES)).toBe('nb');
    expect(detectLocale('Ich kann meine Miete diesen Monat nicht bezahlen', LOCALES)).toBe('de');
    expect(detectLocale('我这个月付不起房租了，怎么办', LOCALES)).toBe('zh-Hans');
    expect(detectLocale('我這個月付不起房租了，怎麼辦', LOCALES)).toBe('zh-Hant');
  });

  it('should not guess from a greeting or a word', () => {
    expect(detectLocale('hei', LOCALES)).toBeUndefined();
    expect(detectLocale('hallo', LOCALES)).toBeUndefined();
    expect(detectLocale('ok', LOCALES)).toBeUndefined();
    expect(detectLocale('🙂🙂', LOCALES)).toBeUndefined();
  });

  it('should only answer with a locale the agency offers', () => {
    expect(detectLocale('Ich kann meine Miete diesen Monat nicht bezahlen', ['en'])).not.toBe('de');
    expect(detectLocale('我這個月付不起房租了', ['en', 'zh-Hans'])).toBe('zh-Hans');
  });
});
