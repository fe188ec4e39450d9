import type { Category, CrisisType, Locale } from '../types';
import type { IntakeEvent } from '../intake/events';
import type { Question } from '../render/questions';

/** What the interpreter needs from the NLU (`dialogs/nlu`). */
export interface Recognizer {
  recognize(
    text: string,
    locale: Locale,
    questionId?: string
  ): {
    category?: { category: Category; confidence: number };
    crisis?: { type: CrisisType; tier: 'explicit' | 'check-in' };
    yesNo?: 'yes' | 'no' | 'unsure';
    command?: string;
    faq?: { id: string; confidence: number };
  };
  matchChoice(text: string, choices: Array<{ value: string; title: string }>, locale: Locale): string | undefined;
  guessChoice(text: string, choices: Array<{ value: string; title: string }>, locale: Locale): { value: string; score: number; margin: number } | undefined;
  readSince(text: string, locale: Locale, now: Date): 'days' | 'weeks' | 'months' | 'years' | undefined;
  readSafety(text: string, locale: Locale): 'safe' | 'unsafe';
}

/** A button suggested by "Did you mean …?", still open for a yes. */
export interface Suggestion {
  question: string;
  value: string;
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

/** Questions whose answer is read strictly: only an unambiguous yes is "safe". */
const SAFETY_QUESTIONS = new Set(['crisis.askSafe', 'crisis.checkIn']);
/** Similarity to a button's examples above which a typed answer is that button… */
const SURE = 0.5;
/** …when it is this far ahead of the next button. */
const SURE_MARGIN = 0.1;
/** Free-text questions keep the person's words unless the answer is all but verbatim a button. */
const SURE_FREE_TEXT = 0.8;
/** A clear winner is taken at a lower similarity: this far ahead of the next button… */
const CLEAR_MARGIN = 0.2;
/** …and at least this similar. */
const CLEAR = 0.35;
/** Words kept as typed still say which button they are nearest above this (who supports them → family). */
const HINT = 0.2;
/** Above this (and below SURE) a button-only question asks back "Did you mean …?". */
const MAYBE = 0.3;

/**
 * Turns one incoming message into the machine events it stands for: usually one; an answer with
 * a weaker crisis signal is followed by a CONCERN. Order matters: a pressed button is taken as it
 * is; typed text is first read by the crisis guard (a danger signal while the safety question is
 * open answers it), then matched against the buttons on screen (titles, yes/no, a frequent
 * question, a time, the recogniser when sure), then against the global commands, then asked back
 * when a button is likely, and only then passed on as free text.
 */
export function interpret(
  incoming: Incoming,
  question: Question | undefined,
  nlu: Recognizer,
  locale: Locale,
  at: string,
  suggestion?: Suggestion
): IntakeEvent[] {
  const pressed = buttonValue(incoming.value);
  if (pressed) {
    const global = GLOBAL_VALUES[pressed];
    return [global ? globalEvent(global, at) : { type: 'CHOOSE', value: pressed, at }];
  }

  const text = (incoming.text ?? '').replace(/\u0000/g, '').trim();
  if (text === '') return [{ type: 'UNREADABLE', reason: incoming.hasAttachments ? 'attachment' : 'empty', at }];

  const understood = nlu.recognize(text, locale, question?.id);
  if (question && SAFETY_QUESTIONS.has(question.id)) return [safetyAnswer(text, understood, question, nlu, locale, at)];
  if (understood.crisis?.tier === 'explicit') return [{ type: 'CRISIS', crisisType: understood.crisis.type, at }];
  if (text.length > MAX_MESSAGE_LENGTH) return [{ type: 'UNREADABLE', reason: 'too_long', at }];
  if (!/[\p{L}\p{N}]/u.test(text)) return [{ type: 'UNREADABLE', reason: 'emoji', at }];

  const { answer, buttonLike } = readAnswer(text, understood, question, nlu, locale, at, suggestion);
  // A weaker signal never interrupts: the answer counts, then the person is asked gently. An
  // answer to the buttons on screen ("not urgent", "nobody really", one asked back, or words kept
  // on a free-text question that would have been a button on any other, "my sister") needs none.
  const concern = answer.type === 'CHOOSE' || answer.type === 'UNSURE' || buttonLike ? undefined : understood.crisis;
  return concern ? [answer, { type: 'CONCERN', crisisType: concern.type, at }] : [answer];
}

type Understood = ReturnType<Recognizer['recognize']>;

function readAnswer(
  text: string,
  understood: Understood,
  question: Question | undefined,
  nlu: Recognizer,
  locale: Locale,
  at: string,
  suggestion?: Suggestion
): { answer: IntakeEvent; buttonLike: boolean } {
  const answer = readEvent(text, understood, question, nlu, locale, at, suggestion);
  return { answer: answer.event, buttonLike: answer.guess !== undefined && isPlain(answer.guess) };
}

type Guess = ReturnType<Recognizer['guessChoice']>;

function readEvent(text: string, understood: Understood, question: Question | undefined, nlu: Recognizer, locale: Locale, at: string, suggestion?: Suggestion): { event: IntakeEvent; guess?: Guess } {
  const choices = question?.choices ?? [];
  const offered = (value: string) => choices.some((choice) => choice.value === value);
  const choose = (value: string): IntakeEvent => {
    const global = GLOBAL_VALUES[value];
    return global ? globalEvent(global, at) : { type: 'CHOOSE', value, at };
  };
  if (question && suggestion?.question === question.id && understood.yesNo === 'yes' && offered(suggestion.value)) return { event: choose(suggestion.value) };
  const matched = choices.length > 0 ? nlu.matchChoice(text, choices, locale) : undefined;
  if (matched) return { event: choose(matched) };

  if (question?.yes && understood.yesNo === 'yes') return { event: choose(question.yes) };
  if (question?.no && understood.yesNo === 'no') return { event: choose(question.no) };
  if (understood.faq && offered(`faq:${understood.faq.id}`)) return { event: choose(`faq:${understood.faq.id}`) };
  if (choices.some((choice) => choice.value.startsWith('since.'))) {
    const bucket = nlu.readSince(text, locale, new Date(at));
    if (bucket && offered(`since.${bucket}`)) return { event: choose(`since.${bucket}`) };
  }

  // A button on screen the answer plainly means wins over a global command it also resembles.
  const guess = question && choices.length > 0 ? nlu.guessChoice(text, choices, locale) : undefined;
  if (question && guess && isSure(guess, question)) return { event: choose(guess.value), guess };

  const command = understood.command ? COMMAND_EVENTS[understood.command] : undefined;
  if (command) return { event: globalEvent(command, at), guess };

  // Free-text questions keep the person's own words rather than asking back.
  if (question && guess && !question.freeText && guess.score >= MAYBE && !GLOBAL_VALUES[guess.value]) {
    return { event: { type: 'UNSURE', value: guess.value, question: question.id, at }, guess };
  }

  const event: IntakeEvent = {
    type: 'TEXT',
    text,
    at,
    yesNo: understood.yesNo,
    category: understood.category?.category,
    faq: understood.faq?.id,
    ...(guess && guess.score >= HINT && guess.margin >= SURE_MARGIN ? { closest: guess.value } : {})
  };
  return { event, guess };
}

/**
 * Whether a guess is plainly the button. Where the person's own words are asked for (strengths,
 * who supports them), only a near-verbatim example takes a content button; declining ("nothing
 * yet", "no one right now") is read as readily as on any other question.
 */
function isSure(guess: { value: string; score: number; margin: number }, question: Question): boolean {
  if (question.freeText && !isDecline(guess.value, question)) return guess.score >= SURE_FREE_TEXT && guess.margin >= SURE_MARGIN;
  return isPlain(guess);
}

/** Whether a guess would be taken as the button on a question that has only buttons. */
function isPlain(guess: { score: number; margin: number }): boolean {
  return (guess.score >= SURE && guess.margin >= SURE_MARGIN) || (guess.score >= CLEAR && guess.margin >= CLEAR_MARGIN);
}

/** A button that declines or ends a free-text question ("nothing yet", "no one right now", "skip"). */
function isDecline(value: string, question: Question): boolean {
  return value === question.no || /\.(none|nothing|done|skip|unknown)$/.test(value);
}

/**
 * "Are you safe right now?": a button or an unambiguous yes is safe; anything else — a qualifier,
 * a new danger signal, an unrelated answer — is not, and is never a new crisis of its own.
 */
function safetyAnswer(text: string, understood: Understood, question: Question, nlu: Recognizer, locale: Locale, at: string): IntakeEvent {
  const command = understood.command ? COMMAND_EVENTS[understood.command] : undefined;
  if (command && !understood.crisis) return globalEvent(command, at);
  const safe = !understood.crisis && nlu.readSafety(text, locale) === 'safe';
  const value = safe ? 'crisis.safe' : 'crisis.unsafe';
  return { type: 'CHOOSE', value: question.choices.some((c) => c.value === value) ? value : 'crisis.unsafe', at };
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
