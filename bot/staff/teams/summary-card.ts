import type { AdaptiveCard } from '@microsoft/agents-hosting';
import { Template } from 'adaptivecards-templating';
import type { IntakeRecord, Locale } from '../../../dialogs/types';
import type { CaseState } from '../store/teams-case-actions';
import { inert, languageName, staffSay } from './card-text';
import { statusLines } from './case-status';
import { summaryFacts, summaryQuotes } from './summary-parts';
import template from './cards/intake-summary.json';

/** Card kinds: the outbox event that caused the card, without the `intake.` prefix. */
export type SummaryKind = 'booked' | 'changed' | 'cancelled' | 'referred' | 'info' | 'crisis' | 'left_early';

export interface SummaryCardInput {
  kind: SummaryKind;
  record: IntakeRecord;
  state: CaseState;
  staffLocale: Locale;
  timeZone: string;
  /** Absolute URL of the eco-map PNG; empty when there is none to show. */
  ecoMapUrl?: string;
}

/**
 * The intake summary card (Adaptive Card 1.5) from its template. Structured parts are in the
 * staff language; what the person typed goes only into TextRuns, as typed, marked with its
 * language, so Markdown or HTML in it is shown and never interpreted.
 */
export function summaryCard(input: SummaryCardInput): AdaptiveCard {
  const { record, staffLocale: locale, timeZone, kind } = input;
  const say = (id: string, params: Record<string, string | number> = {}) => staffSay(locale, id, params);
  const reference = record.reference ?? '';
  const { request } = record;

  const facts = summaryFacts(record, locale, timeZone);
  const quotes = summaryQuotes(record, locale);

  const narrative = record.narrative
    ? [record.narrative.purpose, record.narrative.course, record.narrative.assessment, record.narrative.suggestions]
        .filter((text) => text.trim() !== '')
        .map((text) => ({ text: inert(text) }))
    : [];

  const data = {
    lang: locale,
    title: say(`staff.card.title.${kind}`),
    titleColor: request.urgency === 'today' || kind === 'crisis' ? 'Attention' : 'Default',
    facts,
    quotesHeading: say('staff.card.quotes', { language: languageName(record.locale, locale) }),
    quotes,
    narrativeHeading: say('staff.card.narrative'),
    narrative,
    ecoMapUrl: input.ecoMapUrl ?? '',
    ecoMapAlt: say('staff.card.ecoMap'),
    status: statusLines(input.state, locale, timeZone),
    actions: (['take', 'contacted', 'urgent'] as const).map((action) => ({
      title: say(`staff.action.${action}`),
      verb: `case.${action}`,
      reference
    }))
  };
  return new Template(template).expand({ $root: data }) as AdaptiveCard;
}
