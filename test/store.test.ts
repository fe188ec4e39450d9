import { randomUUID } from 'node:crypto';
import type { IntakeRecord } from '../dialogs/types';
import { createIntakeStore, type BookableSlot, type IntakeStore } from '../bot/store/intake-store';
import { normalizeReference } from '../bot/store/reference-code';
import { describeEachDatabase } from './helpers/databases';

const REFERENCE_FORM = /^DW-[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{6}$/;

function makeRecord(overrides: Partial<IntakeRecord> = {}): IntakeRecord {
  return {
    channel: 'webchat',
    locale: 'nb',
    createdAt: '2026-03-01T10:00:00.000Z',
    updatedAt: '2026-03-01T10:00:00.000Z',
    route: { forWhom: 'self', initiative: 'own' },
    request: { category: 'housing', categoryConfirmed: true, words: 'Husleia er for høy', urgency: 'this_week' },
    strengths: ['I keep going'],
    resources: [{ who: 'my sister Anna', relation: 'family', kinds: ['emotional'], tie: 'strong' }],
    risk: [],
    area: { input: '0150', matched: 'Oslo sentrum', inArea: true },
    contact: { name: 'Kari', method: 'phone', detail: '+47 900 00 000' },
    outcome: 'booked',
    referrals: [],
    ...overrides
  };
}

function makeSlot(id: string, overrides: Partial<BookableSlot> = {}): BookableSlot {
  return {
    id,
    start: '2026-03-10T09:00:00+01:00',
    end: '2026-03-10T09:45:00+01:00',
    modality: 'in_person',
    place: 'Storgata 1',
    ...overrides
  };
}

describeEachDatabase('intake store', (getDb) => {
  let now: Date;
  let store: IntakeStore;
  // Each test books its own slots; the id prefix says how many seats they have.
  const capacityOf = (slotId: string): number | undefined => {
    const match = /^cap(\d+)-/.exec(slotId);
    return match ? Number(match[1]) : undefined;
  };
  const slotId = (capacity: number): string => `cap${capacity}-${randomUUID()}`;
  const outboxFor = async (conversationId: string) =>
    (
      await getDb().query<{ kind: string; payload: { reference?: string } }>(
        `SELECT kind, payload FROM outbox WHERE payload ->> 'conversationId' = $1 ORDER BY id`,
        [conversationId]
      )
    ).rows;

  beforeEach(() => {
    now = new Date('2026-03-01T10:00:00.000Z');
    store = createIntakeStore(getDb(), { slotCapacity: capacityOf, now: () => now });
  });

  describe('conversations', () => {
    it('should save, load and delete a snapshot with unicode and a long string intact', async () => {
      const id = randomUUID();
      const snapshot = {
        value: { clarify: 'goal' },
        context: { words: 'Grüß dich, æøå, 你好, 請幫忙 🌍👩‍👧', long: 'x'.repeat(50_000), list: [1, 'two', null, { deep: true }] }
      };
      await store.saveConversation(id, { snapshot, locale: 'zh-Hant', channel: 'webchat', stage: 'clarify' });

      expect(await store.loadConversation(id)).toEqual({
        snapshot,
        locale: 'zh-Hant',
        channel: 'webchat',
        stage: 'clarify',
        updatedAt: now
      });
      expect(await store.deleteConversation(id)).toBe(true);
      expect(await store.loadConversation(id)).toBeUndefined();
      expect(await store.deleteConversation(id)).toBe(false);
    });

    it('should replace the snapshot on a later save', async () => {
      const id = randomUUID();
      await store.saveConversation(id, { snapshot: { n: 1 }, locale: 'en', channel: 'msteams', stage: 'welcome' });
      now = new Date('2026-03-01T10:05:00.000Z');
      await store.saveConversation(id, { snapshot: [2, 3], locale: 'de', channel: 'msteams', stage: 'consent' });

      expect(await store.loadConversation(id)).toEqual({
        snapshot: [2, 3],
        locale: 'de',
        channel: 'msteams',
        stage: 'consent',
        updatedAt: now
      });
    });

    it('should store text PostgreSQL refuses in jsonb with a replacement character', async () => {
      const id = randomUUID();
      await store.saveConversation(id, { snapshot: { text: 'a\u0000b\uD800c' }, locale: 'en', channel: 'webchat', stage: 'clarify' });

      expect((await store.loadConversation(id))?.snapshot).toEqual({ text: 'a\uFFFDb\uFFFDc' });
    });
  });

  describe('submitIntake', () => {
    it('should return a reference of the right form and book one seat', async () => {
      const conversationId = randomUUID();
      const slot = makeSlot(slotId(3));
      const result = await store.submitIntake({ conversationId, record: makeRecord(), slot });

      expect(result.ok).toBe(true);
      if (!result.ok) return;
      expect(result.reference).toMatch(REFERENCE_FORM);
      expect(result.booking).toEqual({
        slotId: slot.id,
        start: slot.start,
        end: slot.end,
        modality: 'in_person',
        place: 'Storgata 1',
        status: 'booked'
      });
      expect((await store.bookedCounts([slot.id])).get(slot.id)).toBe(1);
      const found = await store.findBooking(result.reference);
      expect(found?.conversationId).toBe(conversationId);
      expect(found?.record.reference).toBe(result.reference);
      expect(found?.record.booking).toEqual(result.booking);
      expect(found?.record.request.words).toBe('Husleia er for høy');
    });

    it('should store a record without a slot and queue it by its outcome', async () => {
      const conversationId = randomUUID();
      const result = await store.submitIntake({ conversationId, record: makeRecord({ outcome: 'referred' }) });

      expect(result).toEqual({ ok: true, reference: expect.stringMatching(REFERENCE_FORM) });
      expect(await outboxFor(conversationId)).toEqual([
        { kind: 'intake.referred', payload: { reference: result.ok ? result.reference : '', conversationId } }
      ]);
      const { rows } = await getDb().query<{ category: string; urgency: string; outcome: string; locale: string }>(
        'SELECT category, urgency, outcome, locale FROM intake_records WHERE conversation_id = $1',
        [conversationId]
      );
      expect(rows).toEqual([{ category: 'housing', urgency: 'this_week', outcome: 'referred', locale: 'nb' }]);
    });

    it('should book exactly as many seats as the slot has when 50 people submit at once', async () => {
      const slot = makeSlot(slotId(2));
      const results = await Promise.all(
        Array.from({ length: 50 }, () => store.submitIntake({ conversationId: randomUUID(), record: makeRecord(), slot }))
      );

      expect(results.filter((result) => result.ok)).toHaveLength(2);
      expect(results.filter((result) => !result.ok && result.reason === 'slot_taken')).toHaveLength(48);
      expect((await store.bookedCounts([slot.id])).get(slot.id)).toBe(2);
      const { rows } = await getDb().query<{ n: number }>(
        "SELECT count(*)::int AS n FROM bookings WHERE slot_id = $1 AND status = 'booked'",
        [slot.id]
      );
      expect(rows[0].n).toBe(2);
    });

    it('should write the outbox row with the submission and nothing when the slot is taken', async () => {
      const slot = makeSlot(slotId(1));
      const first = randomUUID();
      const second = randomUUID();
      const booked = await store.submitIntake({ conversationId: first, record: makeRecord(), slot });
      const refused = await store.submitIntake({ conversationId: second, record: makeRecord(), slot });

      expect(refused).toEqual({ ok: false, reason: 'slot_taken' });
      expect(await outboxFor(first)).toEqual([
        { kind: 'intake.booked', payload: { reference: booked.ok ? booked.reference : '', conversationId: first } }
      ]);
      expect(await outboxFor(second)).toEqual([]);
      const { rows } = await getDb().query('SELECT 1 FROM intake_records WHERE conversation_id = $1', [second]);
      expect(rows).toEqual([]);
    });

    it('should store and book one intake once, however often it is submitted, at once or later', async () => {
      const conversationId = randomUUID();
      const slot = makeSlot(slotId(3));
      const results = await Promise.all(Array.from({ length: 5 }, () => store.submitIntake({ conversationId, record: makeRecord(), slot })));
      const retried = await store.submitIntake({ conversationId, record: makeRecord(), slot });

      const references = new Set([...results, retried].map((result) => (result.ok ? result.reference : 'refused')));
      expect(references.size).toBe(1);
      expect([...references][0]).toMatch(REFERENCE_FORM);
      expect(retried).toMatchObject({ ok: true, booking: { slotId: slot.id, status: 'booked' } });
      expect((await store.bookedCounts([slot.id])).get(slot.id)).toBe(1);
      expect(await outboxFor(conversationId)).toHaveLength(1);

      const restarted = await store.submitIntake({ conversationId, record: makeRecord({ createdAt: '2026-03-01T11:00:00.000Z' }), slot });
      expect(restarted.ok && restarted.reference).not.toBe([...references][0]);
      expect((await store.bookedCounts([slot.id])).get(slot.id)).toBe(2);
    });

    it('should refuse a slot that does not exist', async () => {
      const result = await store.submitIntake({ conversationId: randomUUID(), record: makeRecord(), slot: makeSlot('nowhere') });

      expect(result).toEqual({ ok: false, reason: 'slot_taken' });
    });

    it('should give 200 submissions 200 different references', async () => {
      const results = await Promise.all(
        Array.from({ length: 200 }, () => store.submitIntake({ conversationId: randomUUID(), record: makeRecord({ outcome: 'info' }) }))
      );
      const references = results.map((result) => (result.ok ? result.reference : ''));

      expect(references.every((reference) => REFERENCE_FORM.test(reference))).toBe(true);
      expect(new Set(references).size).toBe(200);
    });

    it('should draw another reference when the first one is already in use', async () => {
      const codes = ['DW-AAAAAA', 'DW-AAAAAA', 'DW-BBBBBB'];
      const unlucky = createIntakeStore(getDb(), { slotCapacity: capacityOf, now: () => now, newReference: () => codes.shift() ?? 'DW-CCCCCC' });
      await getDb().query("DELETE FROM intake_records WHERE reference IN ('DW-AAAAAA', 'DW-BBBBBB')");

      const first = await unlucky.submitIntake({ conversationId: randomUUID(), record: makeRecord(), slot: makeSlot(slotId(2)) });
      const second = await unlucky.submitIntake({ conversationId: randomUUID(), record: makeRecord(), slot: makeSlot(slotId(2)) });

      expect(first).toMatchObject({ ok: true, reference: 'DW-AAAAAA' });
      expect(second).toMatchObject({ ok: true, reference: 'DW-BBBBBB' });
      expect((await unlucky.findBooking('DW-BBBBBB'))?.record.reference).toBe('DW-BBBBBB');
    });
  });

  describe('findBooking', () => {
    it('should find a booking typed in lower case with spaces, dashes or no prefix', async () => {
      const result = await store.submitIntake({ conversationId: randomUUID(), record: makeRecord(), slot: makeSlot(slotId(2)) });
      if (!result.ok) throw new Error('submission failed');
      const code = result.reference.slice(3);
      const typed = [
        result.reference.toLowerCase(),
        ` dw ${code.slice(0, 3).toLowerCase()} ${code.slice(3).toLowerCase()} `,
        `DW--${code.slice(0, 3)}-${code.slice(3)}`,
        code.toLowerCase()
      ];

      for (const reference of typed) {
        expect((await store.findBooking(reference))?.reference).toBe(result.reference);
      }
    });

    it('should find nothing for an unknown or malformed reference', async () => {
      expect(await store.findBooking('DW-ZZZZZZ')).toBeUndefined();
      expect(await store.findBooking('not a code')).toBeUndefined();
      expect(normalizeReference('DW-0O1IL2')).toBeUndefined();
    });
  });

  describe('cancelBooking', () => {
    it('should free the seat so that a new booking succeeds', async () => {
      const slot = makeSlot(slotId(1));
      const conversationId = randomUUID();
      const booked = await store.submitIntake({ conversationId, record: makeRecord(), slot });
      if (!booked.ok) throw new Error('submission failed');
      expect(await store.submitIntake({ conversationId: randomUUID(), record: makeRecord(), slot })).toEqual({
        ok: false,
        reason: 'slot_taken'
      });

      expect(await store.cancelBooking(booked.reference.toLowerCase())).toBe(true);
      expect((await store.bookedCounts([slot.id])).get(slot.id)).toBe(0);
      const found = await store.findBooking(booked.reference);
      expect(found?.booking.status).toBe('cancelled');
      expect(found?.record.booking?.status).toBe('cancelled');
      expect((await outboxFor(conversationId)).map((row) => row.kind)).toEqual(['intake.booked', 'intake.cancelled']);
      expect(await store.submitIntake({ conversationId: randomUUID(), record: makeRecord(), slot })).toMatchObject({ ok: true });
    });

    it('should return false for an unknown or already cancelled booking', async () => {
      const booked = await store.submitIntake({ conversationId: randomUUID(), record: makeRecord(), slot: makeSlot(slotId(1)) });
      if (!booked.ok) throw new Error('submission failed');

      expect(await store.cancelBooking(booked.reference)).toBe(true);
      expect(await store.cancelBooking(booked.reference)).toBe(false);
      expect(await store.cancelBooking('DW-ZZZZZZ')).toBe(false);
    });
  });

  describe('rebook', () => {
    it('should move the booking and its seat to the new slot', async () => {
      const from = makeSlot(slotId(1));
      const to = makeSlot(slotId(1), { start: '2026-03-11T13:00:00+01:00', end: '2026-03-11T13:45:00+01:00', modality: 'video' });
      const conversationId = randomUUID();
      const booked = await store.submitIntake({ conversationId, record: makeRecord(), slot: from });
      if (!booked.ok) throw new Error('submission failed');

      const moved = await store.rebook(booked.reference, to);

      expect(moved).toEqual({
        ok: true,
        booking: { slotId: to.id, start: to.start, end: to.end, modality: 'video', place: to.place, status: 'booked' }
      });
      expect(await store.bookedCounts([from.id, to.id])).toEqual(new Map([[from.id, 0], [to.id, 1]]));
      expect((await store.findBooking(booked.reference))?.record.booking?.slotId).toBe(to.id);
      expect((await outboxFor(conversationId)).map((row) => row.kind)).toEqual(['intake.booked', 'intake.changed']);
    });

    it('should keep the old booking when the new slot is full', async () => {
      const from = makeSlot(slotId(1));
      const full = makeSlot(slotId(1));
      const booked = await store.submitIntake({ conversationId: randomUUID(), record: makeRecord(), slot: from });
      await store.submitIntake({ conversationId: randomUUID(), record: makeRecord(), slot: full });
      if (!booked.ok) throw new Error('submission failed');

      expect(await store.rebook(booked.reference, full)).toEqual({ ok: false, reason: 'slot_taken' });
      expect((await store.findBooking(booked.reference))?.booking.slotId).toBe(from.id);
      expect(await store.bookedCounts([from.id, full.id])).toEqual(new Map([[from.id, 1], [full.id, 1]]));
    });

    it('should report not_found for an unknown or cancelled booking', async () => {
      const booked = await store.submitIntake({ conversationId: randomUUID(), record: makeRecord(), slot: makeSlot(slotId(1)) });
      if (!booked.ok) throw new Error('submission failed');
      await store.cancelBooking(booked.reference);

      expect(await store.rebook(booked.reference, makeSlot(slotId(1)))).toEqual({ ok: false, reason: 'not_found' });
      expect(await store.rebook('DW-ZZZZZZ', makeSlot(slotId(1)))).toEqual({ ok: false, reason: 'not_found' });
    });

    it('should not lose seats when bookings swap slots at the same time', async () => {
      const a = makeSlot(slotId(2));
      const b = makeSlot(slotId(2));
      const inA = await store.submitIntake({ conversationId: randomUUID(), record: makeRecord(), slot: a });
      const inB = await store.submitIntake({ conversationId: randomUUID(), record: makeRecord(), slot: b });
      if (!inA.ok || !inB.ok) throw new Error('submission failed');

      const moves = await Promise.all(
        Array.from({ length: 6 }, (_, i) => (i % 2 === 0 ? store.rebook(inA.reference, i % 4 === 0 ? b : a) : store.rebook(inB.reference, i % 3 === 0 ? a : b)))
      );

      expect(moves.every((move) => move.ok)).toBe(true);
      const counts = await store.bookedCounts([a.id, b.id]);
      expect((counts.get(a.id) ?? 0) + (counts.get(b.id) ?? 0)).toBe(2);
    });
  });

  describe('outbox', () => {
    it('should store an event enqueued twice with one dedupe key once', async () => {
      const conversationId = randomUUID();
      const first = await store.enqueue('crisis.alert', { conversationId, crisisType: 'self_harm' }, { dedupeKey: `crisis:${conversationId}` });
      const again = await store.enqueue('crisis.alert', { conversationId, crisisType: 'self_harm' }, { dedupeKey: `crisis:${conversationId}` });

      expect(first).toMatch(/^\d+$/);
      expect(again).toBeUndefined();
      expect(await outboxFor(conversationId)).toHaveLength(1);
    });

    it('should enqueue inside a transaction and roll back with it', async () => {
      const conversationId = randomUUID();
      await expect(
        getDb().transaction(async (tx) => {
          await store.enqueue('human.requested', { conversationId }, { tx });
          throw new Error('turn failed');
        })
      ).rejects.toThrow('turn failed');

      expect(await outboxFor(conversationId)).toEqual([]);
    });

    it('should hand out pending events until delivered and hold failed ones back until their retry time', async () => {
      await getDb().query('UPDATE outbox SET delivered_at = $1 WHERE delivered_at IS NULL', [now]);
      const crisis = await store.enqueue('crisis.alert', { conversationId: randomUUID() });
      const human = await store.enqueue('human.requested', { conversationId: randomUUID() });
      if (!crisis || !human) throw new Error('enqueue failed');

      expect((await store.pendingOutbox(10)).map((message) => message.id)).toEqual([crisis, human]);
      expect(await store.markFailed(crisis, 'Teams said 503', new Date(now.getTime() + 60_000))).toBe(true);
      expect(await store.markDelivered(human)).toBe(true);
      expect(await store.markDelivered(human)).toBe(false);
      expect(await store.pendingOutbox(10)).toEqual([]);

      now = new Date(now.getTime() + 60_000);
      const [retry] = await store.pendingOutbox(10);
      expect(retry).toMatchObject({ id: crisis, kind: 'crisis.alert', attempts: 1, lastError: 'Teams said 503' });
      expect(retry.deliveredAt).toBeUndefined();
    });

    it('should not hand a claimed event to a second worker until its lease ends', async () => {
      await getDb().query('UPDATE outbox SET delivered_at = $1 WHERE delivered_at IS NULL', [now]);
      const id = await store.enqueue('human.requested', { conversationId: randomUUID() });

      expect((await store.claimOutbox(5, 30_000)).map((message) => message.id)).toEqual([id]);
      expect(await store.claimOutbox(5, 30_000)).toEqual([]);
      now = new Date(now.getTime() + 30_000);
      expect((await store.claimOutbox(5, 30_000)).map((message) => message.id)).toEqual([id]);
    });
  });

  describe('privacy', () => {
    it('should erase everything about a conversation and free its seat', async () => {
      const conversationId = randomUUID();
      const slot = makeSlot(slotId(1));
      await store.saveConversation(conversationId, { snapshot: { s: 1 }, locale: 'en', channel: 'webchat', stage: 'done' });
      const booked = await store.submitIntake({ conversationId, record: makeRecord(), slot });
      // The person started over after booking and was referred the second time: a second intake.
      const referred = await store.submitIntake({ conversationId, record: makeRecord({ outcome: 'referred', createdAt: '2026-03-01T10:30:00.000Z' }) });
      if (!booked.ok || !referred.ok) throw new Error('submission failed');
      await store.saveFeedback({ reference: booked.reference }, { rating: 5, comment: 'Takk' });
      await store.saveFeedback({ conversationId }, { rating: 4 });
      await getDb().query(
        "UPDATE outbox SET delivered_at = $2 WHERE payload ->> 'reference' = $1",
        [booked.reference, now]
      );
      await store.enqueue('crisis.alert', { conversationId, crisisType: 'medical' });

      expect(await store.deleteConversationData(conversationId)).toEqual({ conversations: 1, records: 2 });

      expect(await store.loadConversation(conversationId)).toBeUndefined();
      expect(await store.findBooking(booked.reference)).toBeUndefined();
      expect((await store.bookedCounts([slot.id])).get(slot.id)).toBe(0);
      for (const table of ['intake_records', 'feedback']) {
        const { rows } = await getDb().query(`SELECT 1 FROM ${table} WHERE conversation_id = $1`, [conversationId]);
        expect(rows).toEqual([]);
      }
      const { rows: bookings } = await getDb().query('SELECT 1 FROM bookings WHERE reference = $1', [booked.reference]);
      expect(bookings).toEqual([]);
      // Staff saw the booked summary, so they are told to erase it; the crisis alert stays.
      expect(await outboxFor(conversationId)).toEqual([
        { kind: 'crisis.alert', payload: { conversationId, crisisType: 'medical' } },
        { kind: 'intake.deleted', payload: { reference: booked.reference, conversationId } }
      ]);
    });

    it('should purge records and conversations older than the retention period only', async () => {
      const old = randomUUID();
      const recent = randomUUID();
      const slot = makeSlot(slotId(2));
      await store.saveConversation(old, { snapshot: {}, locale: 'en', channel: 'webchat', stage: 'done' });
      const oldBooking = await store.submitIntake({ conversationId: old, record: makeRecord(), slot });
      now = new Date('2026-03-25T10:00:00.000Z');
      await store.saveConversation(recent, { snapshot: {}, locale: 'en', channel: 'webchat', stage: 'done' });
      const recentBooking = await store.submitIntake({ conversationId: recent, record: makeRecord(), slot });
      if (!oldBooking.ok || !recentBooking.ok) throw new Error('submission failed');
      now = new Date('2026-04-05T10:00:00.000Z');

      const purged = await store.purgeExpired(30);

      expect(purged.conversations).toBeGreaterThanOrEqual(1);
      expect(purged.records).toBeGreaterThanOrEqual(1);
      expect(await store.loadConversation(old)).toBeUndefined();
      expect(await store.findBooking(oldBooking.reference)).toBeUndefined();
      expect(await store.loadConversation(recent)).toBeDefined();
      expect(await store.findBooking(recentBooking.reference)).toBeDefined();
      expect((await store.bookedCounts([slot.id])).get(slot.id)).toBe(1);
    });
  });

  describe('saveFeedback', () => {
    it('should copy feedback into the record and refuse an unknown reference or a bad rating', async () => {
      const result = await store.submitIntake({ conversationId: randomUUID(), record: makeRecord(), slot: makeSlot(slotId(1)) });
      if (!result.ok) throw new Error('submission failed');

      expect(await store.saveFeedback({ reference: result.reference }, { rating: 3, comment: '很好' })).toBe(true);
      expect((await store.findBooking(result.reference))?.record.feedback).toEqual({ rating: 3, comment: '很好' });
      expect(await store.saveFeedback({ reference: 'DW-ZZZZZZ' }, { rating: 3 })).toBe(false);
      await expect(store.saveFeedback({ conversationId: 'c' }, { rating: 7 })).rejects.toThrow(RangeError);
    });
  });
});
