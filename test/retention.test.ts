import { createLogger } from '../bot/logger';
import { startRetention } from '../bot/services/retention';
import { createIntakeStore } from '../bot/store/intake-store';
import { createTranscriptStore } from '../bot/store/transcripts';
import { emptyRecord } from '../dialogs/intake/record';
import { describeEachDatabase } from './helpers/databases';

describeEachDatabase('retention and erasure', (getDb) => {
  const addChat = async (conversationId: string, at: Date, text: string) => {
    await getDb().query('INSERT INTO directline_conversations (id, last_seq, created_at) VALUES ($1, 1, $2) ON CONFLICT DO NOTHING', [conversationId, at]);
    await getDb().query(
      'INSERT INTO directline_activities (conversation_id, seq, activity_id, activity, created_at) VALUES ($1, (SELECT coalesce(max(seq), 0) + 1 FROM directline_activities WHERE conversation_id = $1), $2, $3, $4)',
      [conversationId, `${conversationId}|${text}`, JSON.stringify({ type: 'message', text }), at]
    );
  };
  const chatTexts = async (conversationId: string) =>
    (await getDb().query<{ text: string }>("SELECT activity->>'text' AS text FROM directline_activities WHERE conversation_id = $1", [conversationId])).rows.map((row) => row.text);

  it('should erase the web chat transcript of one conversation and no other', async () => {
    await addChat('erase-me', new Date(), 'my landlord hits me');
    await addChat('keep-me', new Date(), 'when are you open?');
    await createTranscriptStore(getDb()).deleteTranscript('erase-me');
    expect(await chatTexts('erase-me')).toEqual([]);
    expect(await chatTexts('keep-me')).toEqual(['when are you open?']);
  });

  it('should purge records, conversations and chats older than the retention period', async () => {
    const now = new Date('2026-11-24T09:00:00Z');
    const old = new Date(now.getTime() - 400 * 86_400_000);
    const store = createIntakeStore(getDb(), { slotCapacity: () => 2, now: () => old });
    await store.saveConversation('old-conv', { snapshot: { secret: 'old words' }, locale: 'en', channel: 'test', stage: 'clarify' });
    const submitted = await store.submitIntake({ conversationId: 'old-conv', record: emptyRecord('test', 'en', old.toISOString()) });
    await addChat('old-conv', old, 'old words');
    await addChat('new-conv', now, 'new words');

    const retention = startRetention({
      store: createIntakeStore(getDb(), { slotCapacity: () => 2, now: () => now }),
      transcripts: createTranscriptStore(getDb()),
      retentionDays: 365,
      now: () => now,
      logger: createLogger('silent'),
      everyMs: 60_000
    });
    try {
      await retention.purge();
    } finally {
      retention.stop();
    }
    expect(submitted.ok).toBe(true);
    expect(await store.loadConversation('old-conv')).toBeUndefined();
    expect(await chatTexts('old-conv')).toEqual([]);
    expect(await chatTexts('new-conv')).toEqual(['new words']);
    const records = await getDb().query("SELECT 1 FROM intake_records WHERE conversation_id = 'old-conv'");
    expect(records.rows).toEqual([]);
  });
});
