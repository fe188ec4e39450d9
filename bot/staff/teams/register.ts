import type { Express } from 'express';
import type { AgentApplication, CloudAdapter, TurnState } from '@microsoft/agents-hosting';
import type { AgencyInfo } from '../../../dialogs/types';
import type { AgencyConfig } from '../../config/agency';
import type { Env } from '../../config/env';
import type { Logger } from '../../logger';
import type { Db } from '../../store/db';
import { createIntakeQueue } from '../../store/intake-queue';
import type { IntakeStore } from '../../store/intake-store';
import { OUTBOX_CHANNEL } from '../../store/outbox';
import { startOutboxWorker } from '../outbox/worker';
import { createCaseActions } from '../store/teams-case-actions';
import { createTeamsCards } from '../store/teams-cards';
import { createTeamsInstallations } from '../store/teams-installations';
import { tabRoutes } from '../tab/tab-routes';
import { registerCardActions } from './card-actions';
import { createTeamsDelivery } from './deliver-event';
import { ecoMapPath, ecoMapRoute } from './eco-map-route';
import { staffHealth, type StaffHealth } from './health';
import { registerInstallRoutes } from './install-routes';
import { createStaffChannel } from './staff-channel';

export interface StaffSideDeps {
  agent: AgentApplication<TurnState>;
  adapter: CloudAdapter;
  store: IntakeStore;
  db: Db;
  agency: AgencyConfig;
  info: AgencyInfo;
  env: Env;
  app: Express;
  logger: Logger;
  now: () => Date;
}

/** The running staff side: health details for `/healthz`, and a clean stop. */
export interface StaffSide {
  health(): Promise<StaffHealth>;
  stop(): Promise<void>;
}

/**
 * Wires the staff side into the app: install and card-action routes on the agent, the eco-map
 * image and tab routes, and the outbox worker that posts cards to the staff channel.
 */
export async function registerStaffSide(deps: StaffSideDeps): Promise<StaffSide> {
  const { agent, adapter, store, db, agency, info, env, app, logger, now } = deps;
  const installations = createTeamsInstallations(db, now);
  const cards = createTeamsCards(db, now);
  const caseActions = createCaseActions(db, now);
  const queue = createIntakeQueue(db);
  const channel = createStaffChannel(adapter, env.clientId);
  const staff = { staffLocale: info.staffLocale, timeZone: info.timeZone };
  const ecoMapUrl = (reference: string) => (env.publicUrl ? `${env.publicUrl.replace(/\/+$/, '')}${ecoMapPath(env.tokenSecret, reference)}` : undefined);

  if (agency.staffChannel) {
    const { teamId, channelId, serviceUrl, tenantId } = agency.staffChannel;
    await installations.ensure({ id: teamId, teamId, channelId, serviceUrl, tenantId });
  }

  const worker = startOutboxWorker({
    store,
    handle: createTeamsDelivery({ channel, installations, cards, caseActions, queue, ...staff, ecoMapUrl, logger }),
    logger,
    now,
    pollMs: env.outbox.pollMs,
    backoff: { baseMs: env.outbox.retryBaseMs, maxMs: env.outbox.retryMaxMs, jitter: 0.2 }
  });

  // A queued event wakes the worker on every replica at once; the poll remains for retries that come due.
  const stopListening = await db.listen(OUTBOX_CHANNEL, () => worker.wake());

  registerInstallRoutes(agent, { installations, channel, agencyName: info.name, staffLocale: info.staffLocale, logger, onInstalled: () => worker.wake() });
  registerCardActions(agent, { caseActions, cards, installations, queue, ...staff, ecoMapUrl, logger });
  app.get('/teams/eco-map/:reference.png', ecoMapRoute({ secret: env.tokenSecret, queue, staffLocale: info.staffLocale }));
  app.use(tabRoutes({ env, queue, caseActions, agency, info, logger, now, ecoMapPath: (reference) => ecoMapPath(env.tokenSecret, reference) }));

  return {
    health: () => staffHealth(db, installations),
    stop: async () => {
      stopListening();
      await worker.stop();
    }
  };
}
