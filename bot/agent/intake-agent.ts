import { AgentApplication, type CloudAdapter, type TurnContext, type TurnState } from '@microsoft/agents-hosting';
import { Activity } from '@microsoft/agents-activity';
import { createConversationMachine } from '../../dialogs/turn/conversation-machine';
import { t } from '../../dialogs/render/catalogue';
import type { IntakeServices } from '../../dialogs/services';
import type { Recognizer } from '../../dialogs/turn/interpret';
import { pickLocale } from '../../dialogs/turn/pick-locale';
import { takeTurn, type TurnSetup } from '../../dialogs/turn/take-turn';
import type { AgencyInfo } from '../../dialogs/types';
import type { AgencyConfig } from '../config/agency';
import type { TurnMetrics } from '../http/operations';
import type { Logger } from '../logger';
import { isOpenAt } from '../services/hours';
import type { IntakeStore } from '../store/intake-store';
import type { ConversationLock } from './conversation-lock';
import { toActivity } from './to-activity';

export interface IntakeAgentDeps {
  adapter: CloudAdapter;
  agency: AgencyConfig;
  /** The agency as the conversation sees it; `info.locales` is the offered list. */
  info: AgencyInfo;
  store: IntakeStore;
  services: IntakeServices;
  nlu: Recognizer;
  now: () => Date;
  /** After this much silence a returning person is asked whether to continue. */
  idleMinutes: number;
  /** One turn per conversation at a time; shared with the Direct Line service. */
  lock: ConversationLock;
  logger: Logger;
  /** Counts turns, their latency and crisis alerts (`/metrics`). */
  metrics?: TurnMetrics;
}

/**
 * The agent: lock the conversation, load it, take the turn, save it, send the replies. Thin on
 * purpose; the conversation and its rules live in `dialogs/`.
 */
export function createIntakeAgent(deps: IntakeAgentDeps): AgentApplication<TurnState> {
  const { adapter, agency, info, store, services, now, lock, logger, metrics } = deps;
  // Crisis alerts are counted where the conversation raises them.
  const counted: IntakeServices = !metrics ? services : {
    ...services,
    alertStaff: async (alert) => {
      await services.alertStaff(alert);
      if (alert.kind === 'crisis') metrics.crisisRaised();
    }
  };
  const setup: TurnSetup = { machine: createConversationMachine({ agency: info, services: counted }), agency: info, nlu: deps.nlu, idleMinutes: deps.idleMinutes };
  const agent = new AgentApplication<TurnState>({ adapter, startTypingTimer: false });

  const runActivity = (context: TurnContext, kind: 'message' | 'join') => {
    const activity = context.activity;
    const conversationId = activity.conversation?.id ?? '';
    const channel = activity.channelId ?? 'unknown';
    const started = performance.now();
    const turn = lock.run(conversationId, async () => {
      const at = now();
      const outcome = await takeTurn(setup, {
        conversationId,
        channel,
        channelLocale: activity.locale,
        kind,
        incoming: { text: activity.text, value: activity.value, hasAttachments: (activity.attachments?.length ?? 0) > 0 },
        stored: await store.loadConversation(conversationId),
        now: at,
        afterHours: !isOpenAt(agency.openingHours, agency.holidays, agency.timeZone, at)
      });
      if (!outcome.save) return;
      await store.saveConversation(conversationId, { ...outcome.save, channel });
      const locale = outcome.save.locale;
      await context.sendActivities(outcome.messages.map((message) => Activity.fromObject(toActivity(message, locale, channel, activity.from?.id))));
    });
    return turn.finally(() => metrics?.observeTurn(channel, (performance.now() - started) / 1000));
  };

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
    await lock.run(conversationId, () => services.deleteData({ conversationId }));
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
