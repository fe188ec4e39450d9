import express, { Router, type RequestHandler } from 'express';
import { HttpError, sendError } from '../http/errors';
import { PAGE_SIZE, activitySet, fromClient, parseWatermark } from './activities';
import { claimsOf, requireToken } from './auth';
import type { DirectLineContext } from './context';
import { deliver } from './deliver';
import { perConversation } from './limits';

/** Posting activities, polling for them, and a plain GET on the stream path. */
export function activityRoutes(ctx: DirectLineContext, reads: RequestHandler): Router {
  const router = Router();
  const auth = requireToken(ctx);
  const posts = perConversation(ctx.limits.postsPerWindow, ctx.limits.windowMs, ctx.limitStores?.('directline-posts'));
  const path = '/v3/directline/conversations/:id/activities';

  router.post(path, auth, posts, express.json({ limit: ctx.limits.bodyBytes }), async (req, res) => {
    const { conversationId } = claimsOf(req);
    const activity = fromClient(req.body, conversationId, ctx.bot, ctx.now());
    const stored = await ctx.store.append(conversationId, activity);
    if (!stored) throw new HttpError(404, 'ConversationNotFound', 'The conversation has not been started.');
    // Stored first: Web Chat expects its own message back, with the id, before the answer.
    ctx.hub.notify(conversationId);
    try {
      await deliver(ctx, req, stored.activity);
    } catch (error) {
      ctx.logger.error({ err: error, conversationId }, 'directline: the agent failed to take an activity');
      throw new HttpError(502, 'BotError', 'The assistant could not take this message; please try again.');
    }
    res.json({ id: stored.activity.id });
  });

  router.get(path, auth, reads, async (req, res) => {
    const after = parseWatermark(req.query.watermark);
    const rows = await ctx.store.listAfter(claimsOf(req).conversationId, after, PAGE_SIZE);
    res.json(activitySet(rows, after));
  });

  router.get('/v3/directline/conversations/:id/stream', (_req, res) => {
    sendError(res, 426, 'UpgradeRequired', 'The stream is a WebSocket; open the streamUrl with a WebSocket client.');
  });

  return router;
}
