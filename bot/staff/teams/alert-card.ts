import { Template } from 'adaptivecards-templating';
import type { StaffAlert } from '../../../dialogs/services';
import type { Locale } from '../../../dialogs/types';
import { inert, languageName, plainFact, staffSay, staffTime } from './card-text';
import template from './cards/alert.json';

/**
 * The crisis alert (or "talk to a person") card: the signal, the conversation's language, the
 * time, and what the person was shown, rendered in the staff language so staff know what the
 * person already has in front of them.
 */
export function alertCard(alert: StaffAlert, staffLocale: Locale, timeZone: string, signals = 1): Record<string, unknown> {
  const say = (id: string) => staffSay(staffLocale, id);
  const crisis = alert.kind === 'crisis';
  const facts = [
    crisis && alert.crisisType ? { label: say('staff.crisis.type'), value: say(`crisisType.${alert.crisisType}`) } : undefined,
    crisis && alert.tier ? { label: say('staff.crisis.tier'), value: say(`staff.crisis.tier.${alert.tier}`) } : undefined,
    crisis && signals > 1 ? { label: say('staff.crisis.signals'), value: String(signals) } : undefined,
    { label: say('staff.crisis.language'), value: languageName(alert.locale, staffLocale) },
    { label: say('staff.crisis.time'), value: staffTime(alert.at, staffLocale, timeZone) },
    { label: say('staff.crisis.stage'), value: alert.stage },
    { label: say('staff.crisis.conversation'), value: alert.conversationId }
  ]
    .filter((fact): fact is { label: string; value: string } => fact !== undefined)
    .map((fact) => ({ label: fact.label, value: plainFact(fact.value) }));
  const data = {
    lang: staffLocale,
    style: crisis ? 'attention' : 'emphasis',
    title: say(crisis ? 'staff.crisis.title' : 'staff.human.title'),
    titleColor: crisis ? 'Attention' : 'Default',
    facts,
    shownHeading: say('staff.crisis.shown'),
    shown: alert.shown.map((id) => ({ text: inert(staffSay(staffLocale, id)) }))
  };
  return new Template(template).expand({ $root: data }) as Record<string, unknown>;
}
