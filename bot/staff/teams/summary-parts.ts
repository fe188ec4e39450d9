import { answerText } from '../../../dialogs/render/catalogue';
import { formatDate, formatTime } from '../../../dialogs/render/format';
import type { IntakeRecord, Locale } from '../../../dialogs/types';
import { inert, languageName, plainFact, staffSay } from './card-text';

/** One labelled line of the card. */
export type Line = { label: string; value: string };

/** The structured parts, in the staff language; empty ones are left out. */
export function summaryFacts(record: IntakeRecord, locale: Locale, timeZone: string): Line[] {
  const say = (id: string, params: Record<string, string | number> = {}) => staffSay(locale, id, params);
  const { request, route, contact, area, booking } = record;
  return [
    { label: say('staff.card.reference'), value: record.reference ?? '' },
    { label: say('staff.card.urgency'), value: request.urgency ? say(`choice.urgency.${request.urgency}`) : '' },
    { label: say('staff.card.category'), value: request.category ? say(`category.${request.category}`) : '' },
    { label: say('staff.card.forWhom'), value: route.forWhom ? say(`choice.route.${route.forWhom}`) : '' },
    { label: say('staff.card.initiative'), value: route.initiative ? say(`choice.route.${route.initiative}`) : '' },
    { label: say('staff.card.area'), value: area.matched ? say(area.inArea ? 'staff.card.inArea' : 'staff.card.outOfArea', { area: area.matched }) : '' },
    {
      label: say('staff.card.booking'),
      value: booking
        ? say('staff.card.bookingLine', {
            date: formatDate(booking.start, locale, timeZone),
            time: formatTime(booking.start, locale, timeZone),
            modality: say(`choice.modality.${booking.modality}`),
            place: booking.place
          })
        : ''
    },
    { label: say('staff.card.referrals'), value: record.referrals.map((referral) => referral.name).join('; ') },
    { label: say('staff.card.interpreter'), value: contact.interpreter ? interpreterName(contact.interpreter, locale) : '' },
    { label: say('staff.card.contactMethod'), value: contact.method ? say(`staff.card.contactMethod.${contact.method}`) : '' }
  ]
    .filter((fact) => fact.value !== '')
    .map((fact) => ({ label: fact.label, value: plainFact(fact.value) }));
}

/** What the person typed, as typed, each with the label of the question it answers. */
export function summaryQuotes(record: IntakeRecord, locale: Locale): Line[] {
  const say = (id: string, params: Record<string, string | number> = {}) => staffSay(locale, id, params);
  const { request, route, contact, area } = record;
  // A pressed button is named in the staff language; the person's own words stay as typed.
  const answer = (value: string | undefined) => (value === undefined ? '' : answerText(locale, value));
  return [
    { label: say('staff.card.words'), value: request.words ?? '' },
    { label: say('staff.card.since'), value: answer(request.since) },
    { label: say('staff.card.goal'), value: request.goal ?? '' },
    { label: say('staff.card.tried'), value: answer(request.triedBefore) },
    ...record.strengths.map((strength) => ({ label: say('staff.card.strengths'), value: answer(strength) })),
    ...record.resources.map((resource) => ({
      label: say('staff.card.resources'),
      value: `${answer(resource.who)} (${say('staff.card.resourceLine', {
        tie: say(`choice.tie.${resource.tie}`),
        kinds: resource.kinds.map((kind) => say(`choice.support.${kind}`)).join(', ')
      })})`
    })),
    { label: say('staff.card.byWhom'), value: answer(route.byWhom) },
    { label: say('staff.card.areaTyped'), value: area.input ?? '' },
    { label: say('staff.card.name'), value: contact.name ?? '' },
    { label: say('staff.card.contact'), value: contact.detail ?? '' },
    { label: say('staff.card.accessibility'), value: contact.accessibility ?? '' }
  ]
    .filter((quote) => quote.value.trim() !== '')
    .map((quote) => ({ label: quote.label, value: inert(quote.value) }));
}

/** A locale code named in the staff language; another language stays as the person typed it. */
function interpreterName(interpreter: string, locale: Locale): string {
  return /^[a-z]{2,3}(-[A-Za-z]{2,4})?$/.test(interpreter) ? languageName(interpreter, locale) : interpreter;
}
