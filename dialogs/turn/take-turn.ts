import type { Snapshot } from 'xstate';
import type { IntakeEvent } from '../intake/events';
import type { IntakeInput, IntakeMachine, IntakeSnapshot } from '../intake/intake.machine';
import type { Stage } from '../intake/stages';
import { detectLocale } from '../nlu/detect-language';
import { currentQuestion } from '../render/questions';
import { renderTurn, type RenderedMessage } from '../render/render-turn';
import type { AgencyInfo, Locale } from '../types';
import { firstMessageEvents, isFirstWords, isIdleReturn } from './conversation-rules';
import { interpret, type Incoming, type Recognizer } from './interpret';
import { pickLocale } from './pick-locale';
import { startConversation } from './run-turn';

/** What every turn of one agency shares. */
export interface TurnSetup {
  machine: IntakeMachine;
  /** `agency.locales` is the list of offered locales, worked out once at start-up. */
  agency: AgencyInfo;
  nlu: Recognizer;
  /** After this much silence a returning person is asked whether to continue. */
  idleMinutes: number;
}

/** One turn's input, as the agent loaded it. */
export interface TurnRequest {
  conversationId: string;
  channel: string;
  /** The channel's locale ("nb-NO"), if it sent one. */
  channelLocale?: string;
  /** A message from the person, or the person joining (opening the chat). */
  kind: 'message' | 'join';
  incoming: Incoming;
  stored?: { snapshot: unknown; locale: string; updatedAt: Date };
  now: Date;
  /** Whether the office is closed now (the agent knows the clock and the opening hours). */
  afterHours: boolean;
}

/** What to save and what to say; nothing at all for a join to a conversation that exists. */
export interface TurnOutcome {
  save?: { snapshot: Snapshot<unknown>; locale: Locale; stage: Stage };
  messages: RenderedMessage[];
}

/**
 * One turn of a conversation: restore (or start) it once, read what the person sent in the light
 * of the question on screen and the conversation rules (language from the first words, the welcome
 * first, "welcome back" after a silence), run the statechart until no service call is under way,
 * and render what it said and the question it now asks.
 */
export async function takeTurn(setup: TurnSetup, request: TurnRequest): Promise<TurnOutcome> {
  const { machine, agency } = setup;
  const persisted = request.stored?.snapshot as Snapshot<unknown> | undefined;
  if (request.kind === 'join' && persisted) return { messages: [] };

  const at = request.now.toISOString();
  const input: IntakeInput = {
    conversationId: request.conversationId,
    channel: request.channel,
    locale: pickLocale(request.channelLocale, request.stored?.locale, agency),
    afterHours: request.afterHours,
    at
  };
  const typedText = request.kind === 'message' && request.incoming.value === undefined && typeof request.incoming.text === 'string' ? request.incoming.text : undefined;
  // The person's first own words say more about their language than the browser does.
  const firstLocale = !persisted && typedText !== undefined ? detectLocale(typedText, agency.locales) : undefined;
  if (firstLocale) input.locale = firstLocale;

  const conversation = await startConversation(machine, { input, persisted });
  try {
    const before = persisted ? conversation.snapshot() : undefined;
    const events: IntakeEvent[] = before ? [{ type: 'TICK', afterHours: request.afterHours, at }] : [];
    if (request.kind === 'message') events.push(...messageEvents(setup, request, before, input.locale, typedText));
    for (const event of events) await conversation.send(event);
  } catch (error) {
    conversation.stop();
    throw error;
  }
  const { snapshot, persisted: next, outputs } = conversation.finish();
  const question = currentQuestion(snapshot, agency);
  return {
    save: { snapshot: next, locale: snapshot.context.locale, stage: snapshot.context.stage },
    messages: renderTurn({ outputs, snapshot, agency, question })
  };
}

/** The events one message stands for, after the conversation rules. */
function messageEvents(setup: TurnSetup, request: TurnRequest, before: IntakeSnapshot | undefined, startLocale: Locale, typed: string | undefined): IntakeEvent[] {
  const at = request.now.toISOString();
  const events: IntakeEvent[] = [];
  let locale = before?.context.locale ?? startLocale;
  const written = before && isFirstWords(before) && typed !== undefined ? detectLocale(typed, setup.agency.locales) : undefined;
  if (written && written !== locale) {
    events.push({ type: 'LANGUAGE', locale: written, at });
    locale = written;
  }
  const question = before ? currentQuestion(before, setup.agency) : undefined;
  const read = interpret(request.incoming, question, setup.nlu, locale, at, before?.context.suggestion);
  if (!before) return [...events, ...firstMessageEvents(read)];
  if (request.stored && isIdleReturn(before, request.stored.updatedAt, request.now, setup.idleMinutes) && !read.some((event) => event.type === 'CRISIS')) {
    return [...events, { type: 'IDLE_RETURN', at }];
  }
  return [...events, ...read];
}
