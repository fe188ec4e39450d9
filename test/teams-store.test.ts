import { createIntakeStore } from '../bot/store/intake-store';
import { createCaseActions } from '../bot/staff/store/teams-case-actions';
import { createTeamsCards } from '../bot/staff/store/teams-cards';
import { createTeamsInstallations } from '../bot/staff/store/teams-installations';
import { describeEachDatabase } from './helpers/databases';
import { record } from './helpers/connector-stand-in';

const NOW = new Date('2026-11-24T09:00:00Z');
const now = () => NOW;
const kari = { id: 'aad-kari', name: 'Kari', tenantId: 't1' };
const ola = { id: 'aad-ola', name: 'Ola', tenantId: 't1' };

describeEachDatabase('Teams store', (getDb) => {
  const setup = () => {
    const db = getDb();
    const store = createIntakeStore(db, { slotCapacity: () => 2, now });
    return { db, store, cards: createTeamsCards(db, now), installations: createTeamsInstallations(db, now), actions: createCaseActions(db, now) };
  };

  it('should record a delivery once, however often it is reported', async () => {
    const { store, cards } = setup();
    const submitted = await store.submitIntake({ conversationId: 'c-cards', record: record('words') });
    if (!submitted.ok) throw new Error('not stored');
    const [event] = (await store.pendingOutbox(50)).filter((m) => (m.payload as { reference?: string }).reference === submitted.reference);
    const card = { outboxId: event!.id, kind: event!.kind, reference: submitted.reference, installationId: 'team', conversationId: 'chan', activityId: 'a1' };
    expect(await cards.recordDelivery(card)).toBe(true);
    expect(await cards.recordDelivery({ ...card, activityId: 'a2' })).toBe(false);
    expect(await cards.byOutboxId(event!.id)).toMatchObject({ activityId: 'a1' });
    expect(await cards.byActivity('chan', 'a1')).toMatchObject({ reference: submitted.reference });
  });

  it('should release parked events when a channel is installed, but never revive a blocked one from the agency file', async () => {
    const { db, store, installations } = setup();
    const id = await store.enqueue('crisis.alert', { conversationId: 'c-park', at: NOW.toISOString() });
    await store.markFailed(id!, 'parked: no staff channel is installed', new Date(NOW.getTime() + 3_600_000));
    await installations.install({ id: 'team-1', tenantId: 't1', teamId: 'team-1', channelId: 'chan-1', serviceUrl: 'https://smba.example', source: 'event' });
    const { rows } = await db.query<{ next_attempt_at: Date }>('SELECT next_attempt_at FROM outbox WHERE id = $1::bigint', [id]);
    expect(rows[0]!.next_attempt_at.getTime()).toBe(NOW.getTime());
    await installations.setStatus('team-1', 'blocked', 'HTTP 403');
    await installations.ensure({ id: 'team-1', tenantId: 't1', teamId: 'team-1', channelId: 'chan-1', serviceUrl: 'https://smba.example' });
    expect(await installations.byId('team-1')).toMatchObject({ status: 'blocked', statusReason: 'HTTP 403' });
    expect(await installations.active()).toBeUndefined();
  });

  it('should keep case actions with who and when, ignoring repeats', async () => {
    const { store, actions } = setup();
    const submitted = await store.submitIntake({ conversationId: 'c-actions', record: record('words') });
    if (!submitted.ok) throw new Error('not stored');
    const reference = submitted.reference;
    expect(await actions.record(reference, 'take', kari)).toBe('recorded');
    expect(await actions.record(reference, 'take', kari)).toBe('unchanged');
    expect(await actions.record(reference, 'take', ola)).toBe('recorded');
    const both = await Promise.all([actions.record(reference, 'urgent', kari), actions.record(reference, 'urgent', ola)]);
    expect(both.sort()).toEqual(['recorded', 'unchanged']);
    expect(await actions.state(reference)).toMatchObject({ assignee: { name: 'Ola', at: NOW }, urgent: { at: NOW } });
    expect(await actions.record('DW-NOPE99', 'take', kari)).toBe('not_found');
    expect((await actions.states([reference])).get(reference)?.assignee?.name).toBe('Ola');
  });
});
