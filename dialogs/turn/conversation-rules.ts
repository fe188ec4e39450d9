import type { IntakeEvent } from '../intake/events';
import type { IntakeSnapshot } from '../intake/intake.machine';

/** States in which coming back after a long silence needs no "welcome back" question. */
const NO_RESUME_QUESTION = [{ flow: 'welcome' }, { flow: { done: 'finished' } }, 'paused', 'resumeAsk'] as const;

/** Before the person has answered anything in their own words. */
export function isFirstWords(snapshot: IntakeSnapshot | undefined): boolean {
  return !snapshot || snapshot.matches({ flow: 'welcome' }) || snapshot.matches({ flow: 'consent' });
}

/** Back after longer than the agency's idle time, somewhere a "welcome back" question makes sense. */
export function isIdleReturn(snapshot: IntakeSnapshot, updatedAt: Date, now: Date, idleMinutes: number): boolean {
  if (now.getTime() - updatedAt.getTime() < idleMinutes * 60_000) return false;
  return !NO_RESUME_QUESTION.some((state) => snapshot.matches(state));
}

/**
 * A first message is answered with the welcome; of what it says, only what the welcome can act on
 * goes through (a pressed button, a command, a crisis, a frequent question).
 */
export function firstMessageEvents(events: IntakeEvent[]): IntakeEvent[] {
  return events.filter((event) => (event.type !== 'TEXT' && event.type !== 'UNREADABLE' && event.type !== 'UNSURE') || (event.type === 'TEXT' && event.faq !== undefined));
}
