import type { IntakeOutput, Params } from '../intake/events';
import type { IntakeSnapshot } from '../intake/intake.machine';
import { currentQuestion, choiceKey, type Choice, type Question } from '../render/questions';
import type { Stage } from '../intake/stages';
import type { AgencyInfo, DirectoryMatch, IntakeRecord, Locale } from '../types';
import { catalogue, t } from './catalogue';
import { bookingParams, escapeText, formatHours, placeOf } from './format';
import { renderSummary } from './summary';

/** A Markdown line break: two spaces before the newline, so lines do not run together. */
const MARKDOWN_BREAK = '  \n';

/** One message to the person; `bot/` turns it into an Activity. */
export interface RenderedMessage {
  text: string;
  choices?: Choice[];
  attachments?: Array<{ contentType: string; name: string; content: string }>;
  intake: { stage: Stage; progress: number; reference?: string };
}

export interface TurnToRender {
  outputs: IntakeOutput[];
  snapshot: IntakeSnapshot;
  agency: AgencyInfo;
  /** The question the machine now asks, when the caller has worked it out already. */
  question?: Question;
}

/**
 * Renders what the machine said this turn, then the question it now asks. Consecutive short
 * texts are joined so a phone screen shows a few bubbles, not a dozen.
 */
export function renderTurn({ outputs, snapshot, agency, question = currentQuestion(snapshot, agency) }: TurnToRender): RenderedMessage[] {
  const { context } = snapshot;
  const locale = context.locale;
  const intake = {
    stage: question?.stage ?? context.stage,
    progress: question?.progress ?? 0,
    ...(context.record.reference ? { reference: context.record.reference } : {})
  };
  const common = commonParams(agency, locale, context.record);
  const messages: RenderedMessage[] = [];
  let pending: string[] = [];
  const flush = () => {
    if (pending.length > 0) messages.push({ text: pending.join('\n\n'), intake });
    pending = [];
  };

  for (const output of outputs) {
    switch (output.type) {
      case 'say':
        pending.push(t(locale, output.id, { ...common, ...output.params }));
        break;
      case 'faq':
        pending.push(faqAnswer(locale, output.id, common));
        break;
      case 'emergency':
        flush();
        messages.push({ text: emergencyText(agency, locale), intake });
        break;
      case 'referrals':
        flush();
        messages.push({ text: referralText(output.matches, locale), intake });
        break;
      case 'summary':
        flush();
        messages.push({ text: renderSummary(context.record, context.chosenSlot, context.modality, agency, locale), intake });
        break;
      case 'confirmation': {
        flush();
        const booking = context.record.booking;
        const reference = { ...intake, reference: output.reference };
        messages.push({
          text: booking
            ? t(locale, 'booking.confirmed', { ...common, ...bookingParams(booking, locale, agency.timeZone), place: placeOf(booking.modality, booking.place, locale), reference: output.reference })
            : t(locale, context.record.outcome === 'referred' ? 'referral.confirmed' : 'info.confirmed', { ...common, reference: output.reference }),
          attachments: output.calendar
            ? [{ contentType: 'text/calendar', name: `${output.reference}.ics`, content: output.calendar }]
            : undefined,
          intake: reference
        });
        break;
      }
      case 'didYouMean':
        pending.push(t(locale, 'common.didYouMean', { answer: t(locale, choiceKey(output.value)) }));
        break;
      case 'booking': {
        flush();
        const booking = context.managed?.booking;
        if (booking) {
          messages.push({
            text: t(locale, 'manage.found', { ...common, ...bookingParams(booking, locale, agency.timeZone), place: placeOf(booking.modality, booking.place, locale), reference: output.reference }),
            intake: { ...intake, reference: output.reference }
          });
        }
        break;
      }
    }
  }

  if (question) {
    const text = t(locale, question.id, { ...common, ...questionParams(snapshot, locale) });
    pending.push(text);
    messages.push({ text: pending.join('\n\n'), choices: question.choices, intake });
    pending = [];
  }
  flush();
  return messages;
}

function commonParams(agency: AgencyInfo, locale: Locale, record: IntakeRecord): Params {
  return {
    agencyName: agency.name,
    phone: agency.phone,
    address: agency.address,
    hours: formatHours(agency.openingHours, locale).replace(/\n/g, MARKDOWN_BREAK),
    category: t(locale, `category.${record.request.category ?? 'other'}`)
  };
}

function questionParams(snapshot: IntakeSnapshot, locale: Locale): Params {
  const { context } = snapshot;
  const who = context.pendingResource?.who ?? '';
  return {
    who: who.startsWith('relation.') ? t(locale, choiceKey(who)).toLowerCase() : escapeText(who),
    method: t(locale, `contact.method.${context.record.contact.method ?? 'phone'}`)
  };
}

function faqAnswer(locale: Locale, id: string, params: Params): string {
  const entry = catalogue(locale).faq[id];
  return entry ? t(locale, 'info.answerIntro') + '\n\n' + fillParams(entry.answer, params) : t(locale, 'info.noAnswer', params);
}

function fillParams(template: string, params: Params): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

function emergencyText(agency: AgencyInfo, locale: Locale): string {
  // tel: links, so a person on a phone can call with one tap.
  const line = (entry: { label: Partial<Record<Locale, string>>; number: string }) =>
    `- **[${entry.number}](tel:${entry.number.replace(/[^\d+]/g, '')})** — ${entry.label[locale] ?? entry.number}`;
  const parts = [t(locale, 'emergency.intro'), ...agency.emergency.map(line)];
  if (agency.helplines.length > 0) parts.push('', t(locale, 'emergency.helplines'), ...agency.helplines.map(line));
  return parts.join('\n');
}

function referralText(matches: DirectoryMatch[], locale: Locale): string {
  const blocks = matches.map((match, index) => {
    const reasons = match.reasons.map((reason) => t(locale, `referral.reason.${reason}`)).join(', ');
    const contact = [
      match.phone ? t(locale, 'referral.phone', { phone: match.phone }) : '',
      match.email ? t(locale, 'referral.email', { email: match.email }) : '',
      match.url ? t(locale, 'referral.web', { url: match.url }) : '',
      match.address ? t(locale, 'referral.address', { address: match.address }) : ''
    ].filter(Boolean);
    return [
      `**${index + 1}. ${match.name}** (${match.organization})`,
      match.description,
      t(locale, 'referral.why', { reasons }),
      ...contact,
      t(locale, match.openNow ? 'referral.openNow' : 'referral.closedNow', { hours: formatHours(match.hours, locale).replace(/\n/g, '; ') })
    ].join(MARKDOWN_BREAK);
  });
  return [t(locale, 'referral.intro'), ...blocks].join('\n\n');
}
