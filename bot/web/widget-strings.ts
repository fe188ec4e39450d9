import { t } from '../../dialogs/render/catalogue';
import { STAGES, type Stage } from '../../dialogs/intake/stages';
import type { AgencyInfo, Locale } from '../../dialogs/types';
import { pickLocale } from '../../dialogs/turn/pick-locale';

/** A number to call, with its label in the widget's language and a `tel:` address. */
export interface PhoneLine {
  label: string;
  number: string;
  tel: string;
}

/** Everything the widget shows in words, in one language; answered by `GET /api/widget-strings`. */
export interface WidgetStrings {
  /** The language of these strings, for the widget's `lang` attribute. */
  locale: Locale;
  /** The same language as Web Chat names it, for its own buttons and hints. */
  webChatLocale: string;
  agencyName: string;
  text: Record<WidgetTextKey, string>;
  stages: Record<Stage, string>;
  emergency: PhoneLine[];
  helplines: PhoneLine[];
}

const TEXT_IDS = {
  title: 'widget.title',
  open: 'widget.open',
  close: 'widget.close',
  progress: 'widget.progress',
  progressLabel: 'widget.progressLabel',
  emergency: 'widget.emergency',
  emergencyIntro: 'emergency.intro',
  helplinesIntro: 'emergency.helplines',
  startOver: 'widget.startOver',
  connectionLost: 'widget.connectionLost',
  connectionBack: 'widget.connectionBack',
  connectionFailed: 'widget.connectionFailed',
  reference: 'widget.reference'
} as const;

type WidgetTextKey = keyof typeof TEXT_IDS;

// Web Chat knows languages by region tags; these are the ones its own strings exist for.
const WEB_CHAT_LOCALES: Record<Locale, string> = { en: 'en-US', nb: 'nb-NO', de: 'de-DE', 'zh-Hans': 'zh-CN', 'zh-Hant': 'zh-TW' };

/** The widget's words for the language the visitor asked for, or the agency's default. */
export function widgetStrings(info: AgencyInfo, requested: string | undefined): WidgetStrings {
  const locale = pickLocale(requested, undefined, info);
  // `{stage}` and `{percent}` stay in the progress template; the browser fills them in.
  const params = { phone: info.phone, agencyName: info.name };
  const text = Object.fromEntries(Object.entries(TEXT_IDS).map(([key, id]) => [key, t(locale, id, params)])) as Record<WidgetTextKey, string>;
  const stages = Object.fromEntries(STAGES.map((stage) => [stage, t(locale, `widget.stage.${stage}`)])) as Record<Stage, string>;
  return {
    locale,
    webChatLocale: WEB_CHAT_LOCALES[locale],
    agencyName: info.name,
    text,
    stages,
    emergency: info.emergency.map((line) => phoneLine(line, locale, info.defaultLocale)),
    helplines: info.helplines.map((line) => phoneLine(line, locale, info.defaultLocale))
  };
}

/** A phone line labelled in `locale` (the agency file has every offered locale; see its schema). */
export function phoneLine(line: AgencyInfo['emergency'][number], locale: Locale, fallback: Locale): PhoneLine {
  return { label: line.label[locale] ?? line.label[fallback] ?? line.number, number: line.number, tel: telHref(line.number) };
}

/** `tel:` address of a number as written, e.g. "+47 400 00 100" → "tel:+4740000100". */
export function telHref(number: string): string {
  return `tel:${number.replace(/[^\d+]/g, '')}`;
}
