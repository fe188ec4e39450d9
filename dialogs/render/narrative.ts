import { isChosenAnswer, t } from './catalogue';
import type { IntakeRecord, Locale, Narrative } from '../types';

/**
 * The intake note staff read first: purpose of the contact, how the conversation went, a first
 * assessment and suggestions for the first interview — built only from what the person said,
 * in the staff language, with the person's own words quoted as typed.
 */
export function buildNarrative(record: IntakeRecord, staffLocale: Locale): Narrative {
  const say = (id: string, params: Record<string, string | number> = {}) => t(staffLocale, id, params);
  const { request, route } = record;
  const category = say(`category.${request.category ?? 'other'}`);

  const who = route.forWhom === 'other' ? say('narrative.forSomeoneElse') : say('narrative.forThemselves');
  const initiative =
    route.initiative === 'required'
      ? say('narrative.required', { byWhom: referrer(record, say) })
      : route.initiative === 'suggested'
        ? say('narrative.suggested', { byWhom: referrer(record, say) })
        : say('narrative.ownInitiative');
  const purpose = [
    say('narrative.purpose', { who, initiative, category }),
    request.words ? say('narrative.inTheirWords', { words: request.words }) : '',
    request.goal ? say('narrative.goal', { goal: request.goal }) : ''
  ]
    .filter(Boolean)
    .join(' ');

  const course = [
    say('narrative.course', { strengths: record.strengths.length, resources: record.resources.length }),
    record.risk.length > 0
      ? say('narrative.crisisSeen', { types: [...new Set(record.risk.map((signal) => say(`crisisType.${signal.type}`)))].join(', ') })
      : say('narrative.noCrisis'),
    request.categoryConfirmed && request.proposedCategory && request.proposedCategory !== request.category
      ? say('narrative.categoryChanged', { proposed: say(`category.${request.proposedCategory}`), category })
      : ''
  ]
    .filter(Boolean)
    .join(' ');

  const assessment = [
    say('narrative.assessment', {
      category,
      urgency: say(`urgency.${request.urgency ?? 'can_wait'}`),
      area: record.area.matched ?? record.area.input ?? say('narrative.areaUnknown')
    }),
    record.area.inArea === false ? say('narrative.outOfArea') : ''
  ]
    .filter(Boolean)
    .join(' ');

  const suggestions = [
    record.risk.length > 0 ? say('narrative.suggestSafetyFirst') : '',
    record.strengths.length > 0 ? say('narrative.suggestStrengths') : say('narrative.suggestFindStrengths'),
    record.resources.some((resource) => resource.tie === 'strained') ? say('narrative.suggestStrainedTies') : '',
    route.initiative === 'required' ? say('narrative.suggestMandate') : '',
    record.contact.interpreter ? say('narrative.suggestInterpreter', { language: record.contact.interpreter }) : '',
    request.triedBefore && request.triedBefore !== 'tried.nothing' ? say('narrative.suggestTriedBefore') : ''
  ]
    .filter(Boolean)
    .join(' ');

  return { purpose, course, assessment, suggestions };
}

function referrer(record: IntakeRecord, say: (id: string) => string): string {
  const byWhom = record.route.byWhom;
  if (!byWhom) return say('narrative.someone');
  return isChosenAnswer(record.locale, byWhom) ? say(`choice.${byWhom}`).toLowerCase() : `“${byWhom}”`;
}
