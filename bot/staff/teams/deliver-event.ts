import type { StaffAlert } from '../../../dialogs/services';
import type { Locale } from '../../../dialogs/types';
import type { Logger } from '../../logger';
import type { IntakeQueue } from '../../store/intake-queue';
import type { OutboxMessage } from '../../store/intake-store';
import type { OutboxHandler, Outcome } from '../outbox/worker';
import type { CaseActions } from '../store/teams-case-actions';
import type { TeamsCard, TeamsCards } from '../store/teams-cards';
import type { TeamsInstallation, TeamsInstallations } from '../store/teams-installations';
import { alertCard } from './alert-card';
import { deletedCard } from './deleted-card';
import { isRefusal } from './refusal';
import type { OutgoingMessage, StaffChannel } from './staff-channel';
import { currentSummaryCard } from './current-summary-card';
import type { SummaryKind } from './summary-card';

export interface DeliveryDeps {
  channel: StaffChannel;
  installations: TeamsInstallations;
  cards: TeamsCards;
  caseActions: CaseActions;
  queue: IntakeQueue;
  staffLocale: Locale;
  timeZone: string;
  /** The eco-map's address for a reference, or undefined when images cannot be linked. */
  ecoMapUrl(reference: string): string | undefined;
  logger: Logger;
}

const SUMMARY_KINDS = new Set<SummaryKind>(['booked', 'changed', 'cancelled', 'referred', 'info', 'crisis', 'left_early']);

/** Turns one outbox event into one card in the staff channel, exactly once. */
export function createTeamsDelivery(deps: DeliveryDeps): OutboxHandler {
  const { channel, installations, cards, logger } = deps;

  return async (message: OutboxMessage): Promise<Outcome> => {
    // Delivered before (a retry after a lease ran out): the card is there; do not post again.
    if (await cards.byOutboxId(message.id)) return { status: 'delivered' };
    const built = await build(deps, message);
    if ('skip' in built) return { status: 'skipped', reason: built.skip };
    const installation = await installations.active();
    if (!installation) return { status: 'parked', reason: 'no staff channel is installed' };

    let activityId: string;
    try {
      // Repeated signals in one conversation update its one alert card instead of posting new ones.
      const earlier = built.updates?.installationId === installation.id ? built.updates : undefined;
      if (earlier) await channel.update(installation, earlier.activityId, built.message);
      activityId = earlier?.activityId ?? (await channel.post(installation, built.message));
    } catch (error) {
      if (!isRefusal(error)) throw error;
      await installations.setStatus(installation.id, 'blocked', `the channel refused the card (HTTP ${error.status})`);
      logger.error({ installationId: installation.id, status: error.status }, 'the staff channel refused the agent; posting stops until it is reinstalled');
      return { status: 'parked', reason: `the staff channel refused the card (HTTP ${error.status})` };
    }
    await cards.recordDelivery({
      outboxId: message.id,
      kind: message.kind,
      reference: built.reference,
      installationId: installation.id,
      conversationId: installation.channelId,
      activityId
    });
    if (message.kind === 'intake.deleted' && built.reference) await redactEarlier(deps, installation, built.reference, message.id);
    return { status: 'delivered' };
  };
}

type Built = { message: OutgoingMessage; reference?: string; updates?: TeamsCard } | { skip: string };

async function build(deps: DeliveryDeps, message: OutboxMessage): Promise<Built> {
  const payload = (message.payload ?? {}) as Record<string, unknown>;
  if (message.kind === 'crisis.alert' || message.kind === 'human.requested') {
    if (typeof payload.conversationId !== 'string' || typeof payload.at !== 'string') return { skip: 'the alert has no conversation or time' };
    const alert = payload as unknown as StaffAlert;
    if (message.kind === 'human.requested') return { message: { card: alertCard(alert, deps.staffLocale, deps.timeZone) } };
    const signals = (await deps.cards.crisisAlertsOf(alert.conversationId)).length;
    const updates = await deps.cards.crisisAlertFor(alert.conversationId);
    return { message: { card: alertCard(alert, deps.staffLocale, deps.timeZone, Math.max(1, signals)) }, updates };
  }
  const reference = typeof payload.reference === 'string' ? payload.reference : undefined;
  if (!reference) return { skip: 'the event names no intake' };
  if (message.kind === 'intake.deleted') return { message: { card: deletedCard(reference, deps.staffLocale) }, reference };
  const kind = message.kind.replace(/^intake\./, '') as SummaryKind;
  if (!message.kind.startsWith('intake.') || !SUMMARY_KINDS.has(kind)) return { skip: `no card for ${message.kind}` };
  const intake = await deps.queue.find(reference);
  if (!intake) return { skip: 'the intake no longer exists' };
  const card = await currentSummaryCard(deps, kind, intake.record, reference);
  return { message: { card }, reference };
}

/** After an erasure, earlier cards about the intake are replaced by a stub without personal data. */
async function redactEarlier(deps: DeliveryDeps, installation: TeamsInstallation, reference: string, outboxId: string): Promise<void> {
  for (const card of await deps.cards.forReference(reference)) {
    if (card.outboxId === outboxId) continue;
    await deps.channel.update(installation, card.activityId, { card: deletedCard(reference, deps.staffLocale) }).catch((error: unknown) => {
      deps.logger.warn({ reference, activityId: card.activityId, err: error }, 'could not redact an earlier card');
    });
  }
}
