import { randomBytes } from 'node:crypto';
import type { Request } from 'express';
import { CHANNEL_ID, fromAgent } from './activities';
import type { DirectLineContext } from './context';
import type { ActivityJson } from './types';
import { serviceUrlFor } from './urls';

/** A new conversation id: URL-safe, because the connector client puts it in paths unescaped. */
export function newConversationId(): string {
  return randomBytes(18).toString('base64url');
}

/**
 * Runs the activity through the agent, which replies through this request's connector URL. The
 * agent takes the conversation's lock, so turns of one conversation stay in order.
 */
export async function deliver(ctx: DirectLineContext, req: Request, activity: ActivityJson): Promise<void> {
  const serviceUrl = serviceUrlFor(req, ctx.publicUrl, ctx.connectorKey);
  const replies = await ctx.deliverToAgent({ ...activity, serviceUrl });
  const conversationId = String((activity.conversation as { id?: unknown } | undefined)?.id ?? '');
  // Replies handed back in process are stored as the connector routes would store them.
  for (const reply of replies ?? []) {
    const stored = fromAgent(reply, conversationId, ctx.bot, ctx.now());
    if (activity.id !== undefined && stored.replyToId === undefined) stored.replyToId = String(activity.id);
    await ctx.store.append(conversationId, stored);
  }
  if (replies && replies.length > 0) ctx.hub.notify(conversationId);
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
