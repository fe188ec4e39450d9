import express, { type Express } from 'express';
import type { Server } from 'node:http';
import { CloudAdapter, type AuthConfiguration } from '@microsoft/agents-hosting';
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
import { messagesRoute } from './http/messages-route';
import { createLogger, type Logger } from './logger';
import { loadDirectory } from './services/directory';
import { createIntakeServices } from './services/intake-services';
import { startRetention } from './services/retention';
import { slotById } from './services/slots';
import { openDb, type Db } from './store/db';
import { createIntakeStore, type IntakeStore } from './store/intake-store';
import { createTranscriptStore } from './store/transcripts';
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
  /** Ends open chat streams, which would otherwise keep the HTTP listener from closing. */
  stopStreams(): Promise<void>;
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

  const db = await openDb({ databaseUrl: env.databaseUrl, dataDir: env.dataDir });
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
  const retention = startRetention({ store, transcripts, retentionDays: agency.retentionDays, now, logger });

  const authConfig: AuthConfiguration = { clientId: env.clientId, clientSecret: env.clientSecret, tenantId: env.tenantId };
  const adapter = new CloudAdapter(authConfig);
  const agent = createIntakeAgent({ adapter, agency, info, store, services, nlu, now, idleMinutes: env.idleMinutes, lock: createConversationLock(), logger });

  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  const staffSide = await registerStaffSide({ agent, adapter, store, db, agency, info, env, app, logger, now });
  app.get('/healthz', async (_req, res) => {
    res.json({ status: 'ok', details: { teams: await staffSide.health() } });
  });
  app.post('/api/messages', express.json({ limit: '1mb' }), messagesRoute({ adapter, agent, authConfig, credentialsConfigured: Boolean(env.clientId) }));
  const directLine = createDirectLine({
    db,
    tokenSecret: env.tokenSecret,
    publicUrl: env.publicUrl,
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
    close: async () => {
      retention.stop();
      await directLine.close();
      await staffSide.stop();
      await db.close();
    }
  };
}

/** Only locales that have a locale file are offered; a missing one is said once at start-up. */
function offeredLocales(info: AgencyInfo, logger: Logger): AgencyInfo {
  const available = availableLocales();
  const missing = info.locales.filter((locale) => !available.includes(locale));
  if (missing.length > 0) logger.warn({ missing }, 'the agency lists locales that have no locale file yet; they are not offered');
  return { ...info, locales: info.locales.filter((locale) => available.includes(locale)) };
}
