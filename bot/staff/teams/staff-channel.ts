import { Activity, ActivityTypes, type ConversationReference } from '@microsoft/agents-activity';
import { CardFactory, type CloudAdapter, type ConnectorClient } from '@microsoft/agents-hosting';
import type { TeamsInstallation } from '../store/teams-installations';

/** Posts and updates cards in a staff channel through the SDK's proactive path. */
export interface StaffChannel {
  /** Posts a new message in the channel; returns the activity id Teams gave it. */
  post(installation: TeamsInstallation, message: OutgoingMessage): Promise<string>;
  /** Replaces an earlier message, e.g. a card after a case action. */
  update(installation: TeamsInstallation, activityId: string, message: OutgoingMessage): Promise<void>;
}

/** A text or a card. */
export type OutgoingMessage = { text: string } | { card: Record<string, unknown> };

/** Send attempts longer than this count as failed, well inside the outbox lease. */
const SEND_TIMEOUT_MS = 20_000;

/**
 * With app credentials the SDK gets a Bot Framework token for the app id; without (local
 * development and tests) the identity has no audience, so the SDK sends anonymously.
 */
export function createStaffChannel(adapter: CloudAdapter, clientId: string | undefined): StaffChannel {
  const identity = clientId ?? {};

  const withClient = async <T>(installation: TeamsInstallation, work: (client: ConnectorClient) => Promise<T>): Promise<T> => {
    let outcome: { ok: true; value: T } | { ok: false; error: unknown } | undefined;
    await adapter.continueConversation(identity, referenceOf(installation, clientId), async (context) => {
      // A channel post must start a new thread: `sendActivity` would reply to the continuation
      // event's made-up id, so the connector client is used directly. Errors are caught here:
      // thrown, they would reach the adapter's turn-error handler, which apologises in the chat.
      const client = context.turnState.get<ConnectorClient>(adapter.ConnectorClientKey);
      try {
        outcome = { ok: true, value: await withTimeout(work(client)) };
      } catch (error) {
        outcome = { ok: false, error };
      }
    });
    if (!outcome) throw new Error('the proactive turn did not run');
    if (!outcome.ok) throw outcome.error;
    return outcome.value;
  };

  return {
    post: (installation, message) =>
      withClient(installation, async (client) => {
        const response = await client.sendToConversation(installation.channelId, toActivity(installation, message));
        if (!response?.id) throw new Error('the connector returned no activity id');
        return response.id;
      }),
    update: (installation, activityId, message) =>
      withClient(installation, async (client) => {
        const activity = toActivity(installation, message);
        activity.id = activityId;
        await client.updateActivity(installation.channelId, activityId, activity);
      })
  };
}

function referenceOf(installation: TeamsInstallation, clientId: string | undefined): ConversationReference {
  return {
    channelId: 'msteams',
    serviceUrl: installation.serviceUrl,
    conversation: { id: installation.channelId, isGroup: true, conversationType: 'channel', tenantId: installation.tenantId },
    agent: { id: clientId ? `28:${clientId}` : 'doorway' }
  };
}

function toActivity(installation: TeamsInstallation, message: OutgoingMessage): Activity {
  const activity = Activity.fromObject({
    type: ActivityTypes.Message,
    channelId: 'msteams',
    serviceUrl: installation.serviceUrl,
    conversation: { id: installation.channelId, isGroup: true, conversationType: 'channel', tenantId: installation.tenantId },
    channelData: { channel: { id: installation.channelId }, tenant: { id: installation.tenantId } }
  });
  if ('text' in message) activity.text = message.text;
  else activity.attachments = [CardFactory.adaptiveCard(message.card)];
  return activity;
}

function withTimeout<T>(work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`the connector did not answer within ${SEND_TIMEOUT_MS} ms`)), SEND_TIMEOUT_MS);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
