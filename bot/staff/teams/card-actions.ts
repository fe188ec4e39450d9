import { Activity, ActivityTypes } from '@microsoft/agents-activity';
import { CardFactory, type AgentApplication, type TurnContext, type TurnState } from '@microsoft/agents-hosting';
import { z } from 'zod';
import type { Locale } from '../../../dialogs/types';
import type { Logger } from '../../logger';
import type { IntakeQueue } from '../../store/intake-queue';
import { CASE_ACTIONS, type CaseAction, type CaseActions } from '../store/teams-case-actions';
import type { TeamsCards } from '../store/teams-cards';
import type { TeamsInstallations } from '../store/teams-installations';
import { staffSay } from './card-text';
import { currentSummaryCard } from './current-summary-card';
import type { SummaryKind } from './summary-card';
import { tenantOf } from './teams-channel-data';

export interface CardActionDeps {
  caseActions: CaseActions;
  cards: TeamsCards;
  installations: TeamsInstallations;
  queue: IntakeQueue;
  staffLocale: Locale;
  timeZone: string;
  ecoMapUrl(reference: string): string | undefined;
  logger: Logger;
}

const actionSchema = z.object({
  verb: z.enum(CASE_ACTIONS.map((action) => `case.${action}`) as [string, ...string[]]),
  data: z.object({ reference: z.string().regex(/^[A-Z0-9-]{4,20}$/) })
});

/**
 * "Take this case", "Contacted" and "Needs urgent follow-up" (Action.Execute). Every answer is
 * visible: a refreshed card when something was recorded (also written over the shared message,
 * so every colleague sees it), otherwise a short message saying why nothing changed.
 */
export function registerCardActions(agent: AgentApplication<TurnState>, deps: CardActionDeps): void {
  const say = (id: string, params: Record<string, string> = {}) => staffSay(deps.staffLocale, id, params);

  agent.adaptiveCards.actionExecute(/.*/, async (context: TurnContext, _state: TurnState, action: unknown) => {
    const parsed = actionSchema.safeParse(action);
    if (!parsed.success) return say('staff.action.invalid');
    const reference = parsed.data.data.reference;
    const verb = parsed.data.verb.slice('case.'.length) as CaseAction;
    const { activity } = context;
    const card = activity.replyToId ? await deps.cards.byActivity(activity.conversation?.id ?? '', activity.replyToId) : undefined;
    const installation = card ? await deps.installations.byId(card.installationId) : await deps.installations.active();
    if (!installation || tenantOf(activity) !== installation.tenantId) {
      deps.logger.warn({ reference, tenant: tenantOf(activity) }, 'card action from another tenant refused');
      return say('staff.action.otherTenant');
    }
    const actor = {
      id: activity.from?.aadObjectId ?? activity.from?.id ?? 'unknown',
      name: activity.from?.name ?? activity.from?.id ?? 'unknown',
      tenantId: installation.tenantId
    };
    const result = await deps.caseActions.record(reference, verb, actor);
    if (result === 'not_found') return say('staff.action.gone', { reference });
    deps.logger.info({ reference, action: verb, result }, 'card action');

    const intake = await deps.queue.find(reference);
    if (!intake) return say('staff.action.gone', { reference });
    const kind = (card?.kind.replace(/^intake\./, '') ?? intake.record.outcome ?? 'booked') as SummaryKind;
    const refreshed = await currentSummaryCard(deps, kind, intake.record, reference);
    if (activity.replyToId && result === 'recorded') {
      // The invoke response only redraws the card for whoever clicked; this redraws it for all.
      const update = Activity.fromObject({ type: ActivityTypes.Message, id: activity.replyToId, attachments: [CardFactory.adaptiveCard(refreshed)] });
      await context.updateActivity(update);
    }
    return refreshed;
  });
}
