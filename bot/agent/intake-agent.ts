import { AgentApplication, type CloudAdapter, type TurnContext, type TurnState } from '@microsoft/agents-hosting';
import { Activity } from '@microsoft/agents-activity';
import { createActor, type Snapshot } from 'xstate';
import type { IntakeEvent } from '../../dialogs/intake/events';
import { createIntakeMachine, type IntakeSnapshot } from '../../dialogs/intake/intake.machine';
import { interpret, type Recognizer } from '../../dialogs/intake/interpret';
import { detectLocale } from '../../dialogs/nlu/detect-language';
import { currentQuestion } from '../../dialogs/intake/questions';
import { runTurn } from '../../dialogs/intake/run-turn';
import { availableLocales, t } from '../../dialogs/render/catalogue';
import { renderTurn } from '../../dialogs/render/render-turn';
import type { IntakeServices } from '../../dialogs/services';
import type { AgencyInfo, Locale } from '../../dialogs/types';
import type { AgencyConfig } from '../config/agency';
import type { Logger } from '../logger';
import { isOpenAt } from '../services/hours';
import type { IntakeStore } from '../store/intake-store';
import { createConversationLock } from './conversation-lock';
import { toActivity } from './to-activity';

export interface IntakeAgentDeps {
  adapter: CloudAdapter;
  agency: AgencyConfig;
  info: AgencyInfo;
  store: IntakeStore;
  services: IntakeServices;
  nlu: Recognizer;
  now: () => Date;
  /** After this much silence a returning person is asked whether to continue. */
  idleMinutes: number;
  logger: Logger;
}

/** States in which coming back after a long silence needs no "welcome back" question. */
const NO_RESUME_QUESTION = [{ flow: 'welcome' }, { flow: { done: 'finished' } }, 'paused', 'resumeAsk'] as const;

/**
 * The agent: turns each activity into one machine event, runs the turn, saves the snapshot,
 * then sends what the machine said. Thin on purpose; the conversation lives in `dialogs/`.
 */
export function createIntakeAgent(deps: IntakeAgentDeps): AgentApplication<TurnState> {
  const { adapter, agency, info, store, services, nlu, now, logger } = deps;
  const machine = createIntakeMachine({ agency: info, services });
  const withLock = createConversationLock();
  const agent = new AgentApplication<TurnState>({ adapter, startTypingTimer: false });

  const runActivity = async (context: TurnContext, kind: 'message' | 'join') => {
    const activity = context.activity;
    const conversationId = activity.conversation?.id ?? '';
    await withLock(conversationId, async () => {
      const stored = await store.loadConversation(conversationId);
      const at = now();
      const input = {
        conversationId,
        channel: activity.channelId ?? 'unknown',
        locale: pickLocale(activity.locale, stored?.locale, info),
        afterHours: !isOpenAt(agency.openingHours, agency.holidays, agency.timeZone, at),
        at: at.toISOString()
      };
      const persisted = stored?.snapshot as Snapshot<unknown> | undefined;
      if (kind === 'join' && persisted) return;

      const events: IntakeEvent[] = persisted ? [{ type: 'TICK', afterHours: input.afterHours, at: input.at }] : [];
      if (kind === 'message') {
        const before = persisted ? restore(persisted) : undefined;
        let locale = before?.context.locale ?? input.locale;
        // The person's first own words say more about their language than the browser does.
        const written = isFirstWords(before) && activity.value === undefined && typeof activity.text === 'string' ? detectLocale(activity.text, offeredLocales(info)) : undefined;
        if (written && written !== locale) {
          if (before) events.push({ type: 'LANGUAGE', locale: written, at: input.at });
          else input.locale = written;
          locale = written;
        }
        const event = interpret(
          { text: activity.text, value: activity.value, hasAttachments: (activity.attachments?.length ?? 0) > 0 },
          before ? currentQuestion(before, info) : undefined,
          nlu,
          locale,
          input.at
        );
        if (!before) {
          // A first message is answered with the welcome; only what the welcome can act on goes through.
          if (event.type !== 'TEXT' && event.type !== 'UNREADABLE') events.push(event);
          else if (event.type === 'TEXT' && event.faq) events.push(event);
        } else if (stored && isIdleReturn(before, stored.updatedAt, at, deps.idleMinutes) && event.type !== 'CRISIS') {
          events.push({ type: 'IDLE_RETURN', at: input.at });
        } else {
          events.push(event);
        }
      }

      const result = await runTurn(machine, { input, persisted }, events);
      const { context: machineContext } = result.snapshot;
      await store.saveConversation(conversationId, {
        snapshot: result.persisted,
        locale: machineContext.locale,
        channel: input.channel,
        stage: machineContext.stage
      });
      const messages = renderTurn({ outputs: result.outputs, snapshot: result.snapshot, agency: info });
      await context.sendActivities(
        messages.map((message) => Activity.fromObject(toActivity(message, machineContext.locale, input.channel, activity.from?.id)))
      );
    });
  };

  const restore = (persisted: Snapshot<unknown>): IntakeSnapshot =>
    createActor(machine, { snapshot: persisted, input: undefined as never }).getSnapshot();

  agent.onActivity('message', (context) => runActivity(context, 'message'));
  agent.onConversationUpdate('membersAdded', async (context) => {
    // Help-seekers talk to Doorway one to one; a group chat or channel is staff, not an intake.
    const kind = context.activity.conversation?.conversationType;
    if (kind === 'groupChat' || kind === 'channel') return;
    const joined = (context.activity.membersAdded ?? []).some((member) => member.id !== context.activity.recipient?.id);
    if (joined) await runActivity(context, 'join');
  });
  agent.onActivity('event', async (context) => {
    if (context.activity.name === 'webchat/join') await runActivity(context, 'join');
  });
  agent.onActivity('deleteUserData', async (context) => {
    const conversationId = context.activity.conversation?.id ?? '';
    await withLock(conversationId, () => services.deleteData({ conversationId }));
    logger.info({ conversationId }, 'deleted user data on request of the channel');
  });

  adapter.onTurnError = async (context, error) => {
    const conversationId = context.activity.conversation?.id;
    logger.error({ conversationId, err: error }, 'turn failed');
    // The apology is written for a help-seeker; a staff channel only gets the log line.
    if (context.activity.conversation?.conversationType === 'channel') return;
    const locale = pickLocale(context.activity.locale, undefined, info);
    await context.sendActivity(t(locale, 'common.turnError')).catch((sendError: unknown) => {
      logger.error({ conversationId, err: sendError }, 'could not send the turn-error apology');
    });
  };

  return agent;
}

/** The locales a person can use: those the agency lists that have a locale file. */
function offeredLocales(info: AgencyInfo): Locale[] {
  return availableLocales().filter((locale) => info.locales.includes(locale));
}

/** Before the person has answered anything in their own words. */
function isFirstWords(snapshot: IntakeSnapshot | undefined): boolean {
  return !snapshot || snapshot.matches({ flow: 'welcome' }) || snapshot.matches({ flow: 'consent' });
}

/** The channel's locale ("nb-NO") mapped onto the locales we have; otherwise the agency default. */
export function pickLocale(requested: string | undefined, stored: string | undefined, info: AgencyInfo): Locale {
  const offered = offeredLocales(info);
  const known = (value: string | undefined): Locale | undefined => {
    if (!value) return undefined;
    const lower = value.toLowerCase();
    if (lower.startsWith('zh')) {
      const traditional = /hant|tw|hk|mo/.test(lower);
      return offered.find((locale) => locale === (traditional ? 'zh-Hant' : 'zh-Hans'));
    }
    const language = lower.split(/[-_]/)[0] === 'no' || lower.startsWith('nn') ? 'nb' : lower.split(/[-_]/)[0];
    return offered.find((locale) => locale === language);
  };
  return known(stored) ?? known(requested) ?? (offered.includes(info.defaultLocale) ? info.defaultLocale : offered[0] ?? 'en');
}

function isIdleReturn(snapshot: IntakeSnapshot, updatedAt: Date, now: Date, idleMinutes: number): boolean {
  if (now.getTime() - updatedAt.getTime() < idleMinutes * 60_000) return false;
  return !NO_RESUME_QUESTION.some((state) => snapshot.matches(state));
}
