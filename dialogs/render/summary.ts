import { LOCALES, type AgencyInfo, type IntakeRecord, type Locale, type Modality, type Slot } from '../types';
import { answerText, isChosenAnswer, t } from './catalogue';
import { bookingParams, escapeText, placeOf } from './format';

/**
 * The record read back in plain words, so the person can check it before it is sent. What
 * they typed is quoted as typed (escaped); what they chose is named in their language.
 */
export function renderSummary(
  record: IntakeRecord,
  slot: Slot | undefined,
  modality: Modality | undefined,
  agency: AgencyInfo,
  locale: Locale
): string {
  const say = (id: string, params: Record<string, string> = {}) => t(locale, id, params);
  const quote = (text: string) => `“${escapeText(text)}”`;
  const chipOrText = (value: string) => (isChosenAnswer(locale, value) ? answerText(locale, value) : quote(value));
  const line = (label: string, value: string | undefined) => (value ? `**${say(`summary.label.${label}`)}:** ${value}` : '');
  const { request, route, contact } = record;

  const since = request.since && chipOrText(request.since);
  const tried = request.triedBefore && chipOrText(request.triedBefore);
  const resources = record.resources.map((resource) =>
    say('summary.resource', {
      who: chipOrText(resource.who),
      kinds: resource.kinds.map((kind) => say(`choice.support.${kind}`).toLowerCase()).join(', '),
      tie: say(`choice.tie.${resource.tie}`).toLowerCase()
    })
  );
  const interpreter = contact.interpreter
    ? (LOCALES as readonly string[]).includes(contact.interpreter)
      ? say(`choice.interpreter.${contact.interpreter}`)
      : quote(contact.interpreter)
    : undefined;
  const appointment = slot
    ? say('summary.appointment', {
        ...bookingParams({ ...slot, slotId: slot.id, modality: modality ?? 'in_person', status: 'booked' }, locale, agency.timeZone),
        place: placeOf(modality ?? 'in_person', slot.place, locale)
      })
    : undefined;

  const lines = [
    say('summary.intro'),
    '',
    line('forWhom', route.forWhom ? say(`choice.route.${route.forWhom}`) : undefined),
    line('initiative', route.initiative ? say(`choice.route.${route.initiative}`) + (route.byWhom ? ` (${chipOrText(route.byWhom)})` : '') : undefined),
    line('category', request.category ? say(`category.${request.category}`) : undefined),
    line('words', request.words && quote(request.words)),
    line('since', since),
    line('goal', request.goal && quote(request.goal)),
    line('tried', tried),
    line('urgency', request.urgency ? say(`choice.urgency.${request.urgency}`) : undefined),
    line('strengths', record.strengths.length > 0 ? record.strengths.map(chipOrText).join('; ') : undefined),
    line('resources', resources.length > 0 ? resources.join('; ') : undefined),
    line('area', record.area.matched ? escapeText(record.area.matched) : record.area.input ? quote(record.area.input) : undefined),
    line('appointment', appointment),
    line('interpreter', interpreter),
    line('accessibility', contact.accessibility && quote(contact.accessibility)),
    line('name', contact.name && quote(contact.name)),
    line('contact', contact.detail && escapeText(contact.detail)),
    line('referrals', record.referrals.length > 0 ? record.referrals.map((referral) => referral.name).join('; ') : undefined)
  ];
  // Two trailing spaces make a Markdown line break, so each answer stands on its own line.
  return lines.filter((text, index) => text !== '' || index === 1).join('  \n');
}
