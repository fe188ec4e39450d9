import express, { type Express } from 'express';
import type { Server } from 'node:http';
import { createNlu } from '../dialogs/nlu';
import { availableLocales } from '../dialogs/render/catalogue';
import type { AgencyInfo } from '../dialogs/types';
import { createConversationLock } from './agent/conversation-lock';
import { createIntakeAgent } from './agent/intake-agent';
import { inProcessDelivery } from './agent/in-process';
import { createDirectLine } from './directline';
import { loadAgency, toAgencyInfo, type AgencyConfig } from './config/agency';
import type { Env } from './config/env';
import { jsonErrorHandler, notFound } from './http/errors';
import { createAdapter, loadAuthConfig } from './http/auth-config';
import { messagesRoute } from './http/messages-route';
import { createOperationsMetrics, operationsRoutes } from './http/operations';
import { createLogger, type Logger } from './logger';
import { loadDirectory } from './services/directory';
import { createIntakeServices } from './services/intake-services';
import { startRetention } from './services/retention';
import { slotById } from './services/slots';
import { openDb, type Db } from './store/db';
import { createIntakeStore, type IntakeStore } from './store/intake-store';
import { createTranscriptStore } from './store/transcripts';
import { sharedLimitStores } from './http/shared-limits';
import { registerStaffSide } from './staff/teams/register';
import { webRoutes } from './web';

export interface ServerOptions {
  env: Env;
  /** The clock; tests pass a fixed one to be inside or outside opening hours. */
  now?: () => Date;
  logger?: Logger;
}

export interface DoorwayServer {
  app: Express;
  agency: AgencyConfig;
  info: AgencyInfo;
  store: IntakeStore;
  db: Db;
  logger: Logger;
  /** Lets the server's HTTP listener serve WebSocket upgrades (the Direct Line stream). */
  attach(server: Server): void;
  /** Ends open chat streams (1001), which would otherwise keep the HTTP listener from closing. */
  stopStreams(): Promise<void>;
  /** From now on readiness says 503, so a load balancer sends new work elsewhere. */
  draining(): void;
  close(): Promise<void>;
}

/**
 * Builds the whole application in one readable sequence: configuration, logger, store,
 * language understanding, services, adapter, agent, routes. Nothing listens here.
 */
export async function createServer({ env, now = () => new Date(), logger = createLogger(env.logLevel) }: ServerOptions): Promise<DoorwayServer> {
  const agency = loadAgency(env.agencyConfig);
  const info = offeredLocales(toAgencyInfo(agency), logger);
  const directory = loadDirectory(agency.directory);

  const db = await openDb({
    databaseUrl: env.databaseUrl,
    dataDir: env.dataDir,
    // Only the error's code and message: a failed statement's parameters may hold what a person typed.
    events: {
      onConnectionError: (error) => logger.warn({ code: errorCode(error), reason: error.message }, 'a database connection was lost; it is replaced'),
      onRetry: (error, attempt) => logger.warn({ code: errorCode(error), attempt }, 'the database did not answer; trying again')
    }
  });
  const store = createIntakeStore(db, {
    slotCapacity: (slotId) => (slotById(agency, slotId) ? agency.slots.capacity : undefined),
    now
  });
  // The agency's main language is trained before the server is ready; the others follow at once
  // in the background (every language's crisis lexicon is active from the start).
  const nlu = createNlu(info.locales, { eager: [info.defaultLocale] });
  nlu.warmUp().catch((error: unknown) => logger.error({ err: error }, 'training the language models failed'));
  const transcripts = createTranscriptStore(db);
  const services = createIntakeServices({ agency, directory, store, transcripts, now });
  const retention = startRetention({ store, transcripts, retentionDays: agency.retentionDays, now, logger, db });

  const authConfig = loadAuthConfig(env.agentsAuth);
  const adapter = createAdapter(authConfig);
  const lock = createConversationLock(db);
  const metrics = createOperationsMetrics({ db, now, logger });
  const agent = createIntakeAgent({ adapter, agency, info, store, services, nlu, now, idleMinutes: env.idleMinutes, lock, logger, metrics });

  const app = express();
  app.disable('x-powered-by');
  let draining = false;
  // A replica that is stopping takes no new work from the load balancer; its open requests finish.
  app.get('/readyz', (_req, res, next) => (draining ? res.status(503).json({ status: 'stopping' }) : next()));
  app.set('trust proxy', env.trustProxy);
  const staffSide = await registerStaffSide({ agent, adapter, store, db, agency, info, env, app, logger, now });
  app.use(operationsRoutes({ db, metrics, staffHealth: () => staffSide.health(), logger }));
  app.post('/api/messages', express.json({ limit: '1mb' }), messagesRoute({ adapter, agent, authConfig, allowAnonymous: env.allowAnonymous }));
  const directLine = createDirectLine({
    db,
    tokenSecret: env.tokenSecret,
    publicUrl: env.publicUrl,
    limitStores: db.kind === 'postgres' ? sharedLimitStores(db) : undefined,
    logger,
    deliverToAgent: inProcessDelivery(adapter, agent)
  });
  app.use(webRoutes({ info, logger, directLineSecret: env.directLineSecret }));
  app.use(directLine);
  app.use(notFound);
  app.use(jsonErrorHandler(logger));

  return {
    app,
    agency,
    info,
    store,
    db,
    logger,
    attach: (server) => directLine.attach(server),
    stopStreams: () => directLine.close(),
    draining: () => {
      draining = true;
    },
    close: async () => {
      await lock.idle();
      retention.stop();
      await directLine.close();
      await staffSide.stop();
      await db.close();
    }
  };
}

function errorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** Only locales that have a locale file are offered; a missing one is said once at start-up. */
function offeredLocales(info: AgencyInfo, logger: Logger): AgencyInfo {
  const available = availableLocales();
  const missing = info.locales.filter((locale) => !available.includes(locale));
  if (missing.length > 0) logger.warn({ missing }, 'the agency lists locales that have no locale file yet; they are not offered');
  return { ...info, locales: info.locales.filter((locale) => available.includes(locale)) };
}
