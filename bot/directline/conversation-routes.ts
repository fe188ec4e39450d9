import express, { Router, type Request, type RequestHandler } from 'express';
import { HttpError } from '../http/errors';
import { parseWatermark } from './activities';
import { bearerToken, claimsOf, findClaims, requireToken } from './auth';
import type { DirectLineContext } from './context';
import { conversationStarted, deliver, newConversationId } from './deliver';
import { perAddress } from './limits';
import { referenceGrammarId, streamUrlFor } from './urls';

// A streamUrl is opened right after it is handed out; the client asks for a new one to reconnect.
const STREAM_TOKEN_SECONDS = 300;

/** Token issue and refresh, conversation start and reconnect. */
export function conversationRoutes(ctx: DirectLineContext, reads: RequestHandler): Router {
  const router = Router();
  const { limits } = ctx;
  const starts = perAddress(limits.startsPerWindow, limits.windowMs, ctx.limitStores?.('directline-starts'));
  const auth = requireToken(ctx);
  // The page has no secret, so a start may come with no token at all; one it sends must be valid.
  const tokenOrAddressLimit: RequestHandler = (req, res, next) =>
    bearerToken(req) === undefined ? starts(req, res, next) : auth(req, res, () => reads(req, res, next));

  const tokenBody = (conversationId: string) => {
    const { token, expiresIn } = ctx.tokens.issue(conversationId, 'conv', ctx.tokenTtlSeconds);
    return { conversationId, token, expires_in: expiresIn };
  };

  // Whoever started with a token keeps it (their refresh loop owns it); a new visitor gets one.
  const presentedToken = (req: Request) => {
    const claims = findClaims(req);
    const token = bearerToken(req);
    if (!claims || token === undefined) return undefined;
    return { token, expires_in: claims.exp - Math.floor(ctx.now().getTime() / 1000) };
  };

  const conversationBody = (req: Request, conversationId: string, watermark = '') => {
    const { token, expires_in } = presentedToken(req) ?? tokenBody(conversationId);
    const stream = ctx.tokens.issue(conversationId, 'stream', STREAM_TOKEN_SECONDS).token;
    return {
      conversationId,
      token,
      expires_in,
      streamUrl: streamUrlFor(req, ctx.publicUrl, conversationId, stream, watermark),
      referenceGrammarId: referenceGrammarId(ctx.bot.id)
    };
  };

  router.post('/v3/directline/tokens/generate', starts, (_req, res) => {
    res.json(tokenBody(newConversationId()));
  });

  router.post('/v3/directline/tokens/refresh', auth, reads, (req, res) => {
    res.json(tokenBody(claimsOf(req).conversationId));
  });

  router.post(
    '/v3/directline/conversations',
    tokenOrAddressLimit,
    express.json({ limit: limits.bodyBytes }),
    async (req, res) => {
      const conversationId = findClaims(req)?.conversationId ?? newConversationId();
      const created = await ctx.store.createConversation(conversationId);
      const body = conversationBody(req, conversationId);
      if (created) await greet(ctx, req, conversationId, req.body);
      res.status(created ? 201 : 200).json(body);
    }
  );

  router.get('/v3/directline/conversations/:id', auth, reads, async (req, res) => {
    const watermark = parseWatermark(req.query.watermark);
    const { conversationId } = claimsOf(req);
    if (!(await ctx.store.conversationExists(conversationId))) {
      throw new HttpError(404, 'ConversationNotFound', 'The conversation has not been started.');
    }
    res.json(conversationBody(req, conversationId, watermark > 0 ? String(watermark) : ''));
  });

  return router;
}

/** A failed greeting must not stop the chat from opening; the visitor can still write. */
async function greet(ctx: DirectLineContext, req: Request, conversationId: string, body: unknown): Promise<void> {
  const start = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  const user = typeof start.user === 'object' && start.user !== null ? (start.user as Record<string, unknown>) : {};
  const userId = typeof user.id === 'string' && user.id !== '' ? user.id : `dl_${conversationId}`;
  const locale = typeof start.locale === 'string' ? start.locale : undefined;
  try {
    await deliver(ctx, req, conversationStarted(ctx, conversationId, userId, locale));
  } catch (error) {
    ctx.logger.error({ err: error, conversationId }, 'directline: the agent failed to take conversationUpdate');
  }
}
