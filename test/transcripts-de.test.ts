import { chatWith, startDoorway, type RunningDoorway } from './helpers/test-server';

type Chat = ReturnType<typeof chatWith>;

/** From the first hello to the area question in German, answering with buttons and typed words. */
async function tellTheStory(chat: Chat) {
  await chat.say('hallo');
  expect(chat.lastText).toContain('willkommen bei');
  await chat.press('Um Hilfe bitten');
  await chat.say('Ja, in Ordnung');
  await chat.press('Für mich selbst');
  await chat.say('es war meine eigene idee');
  expect(chat.intake).toMatchObject({ stage: 'clarify' });
  await chat.say('Ich kann meine Miete diesen Monat nicht bezahlen und habe Angst, dass wir die Wohnung verlieren');
  expect(chat.lastText).toMatch(/Wohnen|Geld/);
  await chat.say('ja');
  await chat.press('Seit einigen Monaten');
  await chat.say('Ein Dach über dem Kopf für meine Kinder');
  await chat.press('Noch nichts');
  await chat.say('diese woche');
  expect(chat.intake).toMatchObject({ stage: 'strengths' });
  await chat.say('Ich bin eine fürsorgliche Mutter und gebe nie auf');
  await chat.press('Das ist alles');
  await chat.say('meine Schwester');
  await chat.press('Jemand zum Reden');
  await chat.press('Eng und stabil');
  await chat.press('Nein, das ist alles');
  expect(chat.intake).toMatchObject({ stage: 'assess' });
}

describe('German transcripts through the real agent over HTTP', () => {
  let running: RunningDoorway;
  beforeAll(async () => {
    running = await startDoorway();
  });
  afterAll(async () => {
    await running.close();
  });

  it('should book an intake interview in German, ending with a reference', async () => {
    const chat = chatWith(running.url, 'de-booking-1', 'de-DE');
    await tellTheStory(chat);
    await chat.say('0150');
    expect(chat.lastText).toContain('Gute Nachricht');
    expect(chat.intake).toMatchObject({ stage: 'booking' });
    await chat.press('Am Telefon');
    await chat.say('kein dolmetschen noetig');
    await chat.press('Nichts nötig');
    const slot = chat.buttons.find((button) => button.value.startsWith('slot:'));
    expect(slot).toBeDefined();
    await chat.press(slot!.value);
    await chat.say('Amira');
    await chat.press('Telefon');
    await chat.say('412 34 567');
    expect(chat.intake).toMatchObject({ stage: 'summary' });
    expect(chat.lastText).toContain('Ein Dach über dem Kopf für meine Kinder');
    expect(chat.lastText).toContain('Stimmt das so?');
    await chat.press('Ja, absenden');

    const confirmation = chat.last.find((reply) => reply.channelData?.intake?.reference);
    expect(confirmation?.text).toMatch(/Ihr Termin ist gebucht.*DW-[A-HJ-NP-Z2-9]{6}/s);
    expect(confirmation?.attachments?.[0]).toMatchObject({ contentType: 'text/calendar' });
    expect(chat.intake).toMatchObject({ stage: 'done', progress: 1 });

    const stored = await running.doorway.store.findBooking(confirmation!.channelData!.intake!.reference!);
    expect(stored?.record).toMatchObject({ locale: 'de', outcome: 'booked', contact: { name: 'Amira', detail: '41234567' }, request: { urgency: 'this_week' } });
    expect(stored?.record.strengths).toEqual(['Ich bin eine fürsorgliche Mutter und gebe nie auf']);
  });

  it('should answer a crisis in German at once, then continue where the person was', async () => {
    const chat = chatWith(running.url, 'de-crisis-1', 'de-DE');
    await chat.say('hallo');
    await chat.press('Um Hilfe bitten');
    await chat.press('Ja, in Ordnung');
    await chat.press('Für mich selbst');
    await chat.press('Es war meine eigene Idee');
    await chat.say('Ich habe meine Arbeit verloren');
    expect(chat.lastText).toContain('Stimmt das?');
    const crisis = await chat.say('ehrlich gesagt will ich nicht mehr leben');
    expect(chat.lastText).toContain('macht mir Sorgen');
    expect(chat.lastText).toContain('112');
    expect(chat.lastText).toContain('116 123');
    expect(chat.lastText).toContain('Sind Sie gerade in Sicherheit?');
    expect(crisis.at(-1)?.suggestedActions?.actions.map((action) => action.title)).toEqual(['Ja, ich bin in Sicherheit', 'Nein, nicht in Sicherheit']);
    const alerts = await running.doorway.db.query<{ kind: string; payload: { conversationId: string; crisisType: string } }>(
      "SELECT kind, payload FROM outbox WHERE kind = 'crisis.alert'"
    );
    expect(alerts.rows).toContainEqual({ kind: 'crisis.alert', payload: expect.objectContaining({ conversationId: 'de-crisis-1', crisisType: 'self_harm' }) });

    await chat.say('ja, ich bin jetzt in Sicherheit');
    expect(chat.lastText).toContain('Ich bin froh, dass Sie in Sicherheit sind');
    expect(chat.lastText).toContain('Stimmt das?');
    expect(chat.buttons.map((button) => button.value)).toEqual(['category.confirm', 'category.change']);
  });
});
