import type { Category, CrisisType, Locale } from '../types';
import type { IntakeEvent } from './events';
import type { Question } from './questions';

/** What the interpreter needs from the NLU (`dialogs/nlu`). */
export interface Recognizer {
  recognize(
    text: string,
    locale: Locale
  ): {
    category?: { category: Category; confidence: number };
    crisis?: { type: CrisisType };
    yesNo?: 'yes' | 'no' | 'unsure';
    command?: string;
    faq?: { id: string; confidence: number };
  };
  matchChoice(text: string, choices: Array<{ value: string; title: string }>, locale: Locale): string | undefined;
}

/** What arrived: the activity's text, its value (a pressed button), and whether files came with it. */
export interface Incoming {
  text?: string;
  value?: unknown;
  hasAttachments?: boolean;
}

/** Longer than this is not a chat message; the crisis guard still reads all of it. */
export const MAX_MESSAGE_LENGTH = 5000;

const GLOBAL_VALUES: Record<string, IntakeEvent['type']> = {
  'global.help': 'HELP',
  'global.restart': 'RESTART',
  'global.human': 'HUMAN',
  'global.language': 'LANGUAGE',
  'global.delete': 'DELETE',
  'global.pause': 'PAUSE',
  'global.booking': 'MANAGE_BOOKING'
};

const COMMAND_EVENTS: Record<string, IntakeEvent['type']> = {
  help: 'HELP',
  restart: 'RESTART',
  human: 'HUMAN',
  language: 'LANGUAGE',
  delete: 'DELETE',
  pause: 'PAUSE',
  booking: 'MANAGE_BOOKING'
};

/**
 * Turns one incoming message into one machine event. Order matters: a pressed button is taken
 * as it is; typed text is first read by the crisis guard, then matched against the buttons on
 * screen, then against the global commands, and only then passed on as free text.
 */
export function interpret(incoming: Incoming, question: Question | undefined, nlu: Recognizer, locale: Locale, at: string): IntakeEvent {
  const pressed = buttonValue(incoming.value);
  if (pressed) {
    const global = GLOBAL_VALUES[pressed];
    if (global) return globalEvent(global, at);
    return { type: 'CHOOSE', value: pressed, at };
  }

  const text = (incoming.text ?? '').replace(/\u0000/g, '').trim();
  if (text === '') return { type: 'UNREADABLE', reason: incoming.hasAttachments ? 'attachment' : 'empty', at };

  const understood = nlu.recognize(text, locale);
  if (understood.crisis) return { type: 'CRISIS', crisisType: understood.crisis.type, at };
  if (text.length > MAX_MESSAGE_LENGTH) return { type: 'UNREADABLE', reason: 'too_long', at };
  if (!/[\p{L}\p{N}]/u.test(text)) return { type: 'UNREADABLE', reason: 'emoji', at };

  const matched = question && question.choices.length > 0 ? nlu.matchChoice(text, question.choices, locale) : undefined;
  if (matched) {
    const global = GLOBAL_VALUES[matched];
    return global ? globalEvent(global, at) : { type: 'CHOOSE', value: matched, at };
  }

  const command = understood.command ? COMMAND_EVENTS[understood.command] : undefined;
  if (command) return globalEvent(command, at);

  if (question?.yes && understood.yesNo === 'yes') return { type: 'CHOOSE', value: question.yes, at };
  if (question?.no && understood.yesNo === 'no') return { type: 'CHOOSE', value: question.no, at };

  return {
    type: 'TEXT',
    text,
    at,
    yesNo: understood.yesNo,
    category: understood.category?.category,
    faq: understood.faq?.id
  };
}

/** Web Chat and the Emulator send a button's value as a string; some clients wrap it in an object. */
function buttonValue(value: unknown): string | undefined {
  if (typeof value === 'string' && value.length > 0 && value.length <= 200) return value;
  if (typeof value === 'object' && value !== null) {
    const inner = (value as { choice?: unknown; value?: unknown }).choice ?? (value as { value?: unknown }).value;
    if (typeof inner === 'string' && inner.length > 0 && inner.length <= 200) return inner;
  }
  return undefined;
}

function globalEvent(type: IntakeEvent['type'], at: string): IntakeEvent {
  switch (type) {
    case 'HELP':
    case 'RESTART':
    case 'HUMAN':
    case 'DELETE':
    case 'PAUSE':
    case 'MANAGE_BOOKING':
      return { type, at };
    default:
      return { type: 'LANGUAGE', at };
  }
}
