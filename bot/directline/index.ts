import type { Server } from 'node:http';
import { Router } from 'express';
import { jsonErrorHandler, sendError } from '../http/errors';
import { activityRoutes } from './activity-routes';
import { connectorRoutes } from './connector-routes';
import { createContext } from './context';
import { conversationRoutes } from './conversation-routes';
import { directLineCors } from './cors';
import { DIRECT_LINE_ERRORS } from './errors';
import { perConversation } from './limits';
import { createStreamService } from './stream';
import type { DirectLineOptions } from './types';
import { CONNECTOR_PATH } from './urls';

export type { ActivityJson, DirectLineLimits, DirectLineLogger, DirectLineOptions } from './types';
export { DEFAULT_LIMITS } from './context';
export { CONNECTOR_PATH } from './urls';

/** The Direct Line router, plus the WebSocket stream that needs the HTTP server itself. */
export type DirectLineRouter = Router & {
  /** Serves streamUrl WebSockets on this server's upgrade requests. */
  attach(server: Server): void;
  /** Closes open streams; call before closing the database. */
  close(): Promise<void>;
};

/**
 * A Direct Line 3.0 compatible service, mounted at `/`: the client API under `/v3/directline`
 * and the Bot Connector endpoints the agent replies to under `/directline-connector/<key>`.
 */
export function createDirectLine(options: DirectLineOptions): DirectLineRouter {
  const ctx = createContext(options);
  const reads = perConversation(ctx.limits.readsPerWindow, ctx.limits.windowMs, ctx.limitStores?.('directline-reads'));
  const stream = createStreamService(ctx);
  const router = Router();
  router.use('/v3/directline', directLineCors);
  router.use(conversationRoutes(ctx, reads));
  router.use(activityRoutes(ctx, reads));
  router.use(`${CONNECTOR_PATH}/:key`, connectorRoutes(ctx));
  // Unknown paths in our namespaces answer in JSON too, not the host app's HTML 404.
  router.use(['/v3/directline', CONNECTOR_PATH], (_req, res) => sendError(res, 404, 'NotFound', 'No such Direct Line endpoint.'));
  router.use(jsonErrorHandler(ctx.logger, DIRECT_LINE_ERRORS));
  return Object.assign(router, { attach: stream.attach, close: stream.close });
}
