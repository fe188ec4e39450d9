import { randomBytes } from 'node:crypto';
import type { Request } from 'express';
import { CHANNEL_ID } from './activities';
import type { DirectLineContext } from './context';
import type { ActivityJson } from './types';
import { serviceUrlFor } from './urls';

/** A new conversation id: URL-safe, because the connector client puts it in paths unescaped. */
export function newConversationId(): string {
  return randomBytes(18).toString('base64url');
}

/** Runs the activity through the agent, which replies through this request's connector URL. */
export function deliver(ctx: DirectLineContext, req: Request, conversationId: string, activity: ActivityJson): Promise<void> {
  const serviceUrl = serviceUrlFor(req, ctx.publicUrl, ctx.connectorKey);
  return ctx.queue.run(conversationId, () => ctx.deliverToAgent({ ...activity, serviceUrl }));
}

/** The conversationUpdate that tells the agent a visitor opened the chat, so it can greet them. */
export function conversationStarted(ctx: DirectLineContext, conversationId: string, userId: string, locale: string | undefined): ActivityJson {
  const user = { id: userId, role: 'user' };
  return {
    type: 'conversationUpdate',
    id: `${conversationId}|start`,
    timestamp: ctx.now().toISOString(),
    channelId: CHANNEL_ID,
    conversation: { id: conversationId },
    from: user,
    recipient: { ...ctx.bot, role: 'bot' },
    membersAdded: [{ ...ctx.bot, role: 'bot' }, user],
    ...(locale ? { locale } : {})
  };
}
