import { join } from 'node:path';
import express, { Router, type Request, type RequestHandler } from 'express';
import { catalogue } from '../../../dialogs/render/catalogue';
import type { AgencyInfo } from '../../../dialogs/types';
import type { AgencyConfig } from '../../config/agency';
import type { Env } from '../../config/env';
import { sendError } from '../../http/errors';
import type { Logger } from '../../logger';
import type { IntakeQueue, QueuedIntake } from '../../store/intake-queue';
import type { CaseActions, CaseState } from '../store/teams-case-actions';
import { buildDashboard } from './dashboard';
import { createTokenVerifier, type TokenVerifier } from './verify-token';

export interface TabDeps {
  env: Env;
  queue: IntakeQueue;
  caseActions: CaseActions;
  agency: AgencyConfig;
  info: AgencyInfo;
  logger: Logger;
  now: () => Date;
  ecoMapPath(reference: string): string;
}

const TEAMS_JS = require.resolve('@microsoft/teams-js/dist/umd/MicrosoftTeams.min.js');
const DASHBOARD_DAYS = 90;

/**
 * The intake queue tab: its page at `/tab`, its words at `/api/tab/labels` (no personal data),
 * and the queue at `/api/tab/intakes`, which answers 401 without a valid Entra ID token.
 */
export function tabRoutes(deps: TabDeps): Router {
  const router = Router();
  const tenantId = deps.env.tenantId ?? deps.agency.staffChannel?.tenantId;
  const audience = deps.env.tabSsoAudience;
  const verify: TokenVerifier | undefined =
    tenantId && audience ? createTokenVerifier({ authority: deps.env.entraAuthority, tenantId, audience }) : undefined;
  if (!verify) deps.logger.warn('TAB_SSO_AUDIENCE or the tenant id is not set: the intake queue tab API refuses every request');

  router.get('/tab/teams-js.js', (_req, res) => res.sendFile(TEAMS_JS));
  router.use('/tab', express.static(join(__dirname, 'public'), { index: 'index.html' }));

  router.get('/api/tab/labels', (_req, res) => {
    const messages = catalogue(deps.info.staffLocale).messages;
    const wanted = Object.entries(messages).filter(([id]) => /^(staff\.|category\.|choice\.(urgency|tie|support|modality|route|since|tried|strength|relation|referrer)\.|crisisType\.)/.test(id));
    res.json({ locale: deps.info.staffLocale, labels: Object.fromEntries(wanted) });
  });

  router.get('/api/tab/intakes', requireStaff(verify, deps.logger), async (_req, res) => {
    const since = new Date(deps.now().getTime() - DASHBOARD_DAYS * 86_400_000);
    const intakes = await deps.queue.list({ limit: 200 });
    const states = await deps.caseActions.states(intakes.map((intake) => intake.reference));
    res.set('Cache-Control', 'no-store');
    res.json({
      intakes: intakes.map((intake) => toItem(intake, states.get(intake.reference) ?? {}, deps.ecoMapPath)),
      dashboard: buildDashboard(await deps.queue.figures(since), deps.agency)
    });
  });
  return router;
}

function requireStaff(verify: TokenVerifier | undefined, logger: Logger): RequestHandler {
  return async (req, res, next) => {
    const token = bearer(req);
    try {
      if (!verify || !token) throw new Error(token ? 'the tab API is not configured' : 'no bearer token');
      res.locals.staff = await verify(token);
      next();
    } catch (error) {
      logger.info({ reason: error instanceof Error ? error.message : String(error) }, 'tab API request refused');
      res.set('WWW-Authenticate', 'Bearer');
      sendError(res, 401, 'Unauthorized', 'A valid Microsoft Entra ID token is required.');
    }
  };
}

function bearer(req: Request): string | undefined {
  const match = /^Bearer ([A-Za-z0-9._~+/=-]+)$/.exec(req.headers.authorization ?? '');
  return match?.[1];
}

function toItem(intake: QueuedIntake, state: CaseState, ecoMapPath: (reference: string) => string) {
  const status = intake.bookingStatus === 'cancelled' ? 'cancelled' : state.contacted ? 'contacted' : state.assignee ? 'taken' : 'open';
  return {
    reference: intake.reference,
    createdAt: intake.createdAt.toISOString(),
    status,
    state,
    record: intake.record,
    ecoMapUrl: intake.record.resources.length > 0 ? ecoMapPath(intake.reference) : undefined
  };
}
