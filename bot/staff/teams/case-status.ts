import type { Locale } from '../../../dialogs/types';
import type { CaseState } from '../store/teams-case-actions';
import { inert, staffSay, staffTime } from './card-text';

/** Who took the case and what was done, or that nobody has yet. */
export function statusLines(state: CaseState, locale: Locale, timeZone: string): Array<{ text: string }> {
  const when = (at: Date) => staffTime(at, locale, timeZone);
  const lines = [
    state.assignee && staffSay(locale, 'staff.card.status.taken', { name: inert(state.assignee.name), at: when(state.assignee.at) }),
    state.contacted && staffSay(locale, 'staff.card.status.contacted', { name: inert(state.contacted.name), at: when(state.contacted.at) }),
    state.urgent && staffSay(locale, 'staff.card.status.urgent', { name: inert(state.urgent.name), at: when(state.urgent.at) })
  ].filter((line): line is string => Boolean(line));
  return (lines.length > 0 ? lines : [staffSay(locale, 'staff.card.status.open')]).map((text) => ({ text }));
}
