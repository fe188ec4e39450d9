import { timingSafeEqual } from 'node:crypto';
import express, { Router, type Request, type RequestHandler, type Response } from 'express';
import { HttpError, sendError } from '../http/errors';
import { fromAgent } from './activities';
import type { DirectLineContext } from './context';

/**
 * The Bot Connector v3 endpoints the agent's ConnectorClient calls on the serviceUrl, mounted
 * under `/directline-connector/:key`. Only a caller that knows the key (derived from the token
 * secret, and carried in the serviceUrl the agent was given) gets past the first handler; any
 * Authorization header the SDK adds when app credentials are configured is not needed.
 */
export function connectorRoutes(ctx: DirectLineContext): Router {
  const router = Router({ mergeParams: true });
  const expected = Buffer.from(ctx.connectorKey);
  const json = express.json({ limit: ctx.limits.agentBodyBytes });
  const base = '/v3/conversations/:conversationId/activities';

  router.use((req, res, next) => {
    const given = Buffer.from(String(req.params.key ?? ''));
    if (given.length === expected.length && timingSafeEqual(given, expected)) return next();
    sendError(res, 401, 'Unauthorized', 'Unknown connector key.');
  });

  const acknowledge = (req: Request, res: Response, id: string | undefined) => {
    if (id === undefined) throw new HttpError(404, 'ConversationNotFound', 'No such conversation or activity.');
    ctx.hub.notify(String(req.params.conversationId));
    res.json({ id });
  };

  // sendToConversation, replyToActivity, and continueConversation's sends (which are the same call).
  const send: RequestHandler = async (req, res) => {
    const conversationId = String(req.params.conversationId);
    const activity = fromAgent(req.body, conversationId, ctx.bot, ctx.now());
    if (req.params.activityId && activity.replyToId === undefined) activity.replyToId = req.params.activityId;
    const row = await ctx.store.append(conversationId, activity);
    acknowledge(req, res, row && String(row.activity.id));
  };
  router.post(base, json, send);
  router.post(`${base}/:activityId`, json, send);

  // An update is stored as a new version with the same id, so live clients see it and a reload
  // shows only the latest.
  router.put(`${base}/:activityId`, json, async (req, res) => {
    const conversationId = String(req.params.conversationId);
    const activityId = String(req.params.activityId);
    const activity = { ...fromAgent(req.body, conversationId, ctx.bot, ctx.now()), id: activityId };
    const row = await ctx.store.replace(conversationId, activity);
    acknowledge(req, res, row && activityId);
  });

  // Removed from history; clients that already showed it keep it until they reload.
  router.delete(`${base}/:activityId`, async (req, res) => {
    const removed = await ctx.store.remove(String(req.params.conversationId), String(req.params.activityId));
    if (removed === 0) throw new HttpError(404, 'NotFound', 'No such activity.');
    res.json({});
  });

  router.post('/v3/conversations', (_req, res) => {
    sendError(res, 501, 'NotImplemented', 'Direct Line conversations are started by the web chat client.');
  });

  return router;
}
