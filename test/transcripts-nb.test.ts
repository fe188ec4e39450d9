import { chatWith, startDoorway, type RunningDoorway } from './helpers/test-server';

type Chat = ReturnType<typeof chatWith>;

/** From the first hello to the area question in Norwegian, answering with buttons and typed words. */
async function tellTheStory(chat: Chat) {
  await chat.say('hei');
  expect(chat.lastText).toContain('velkommen til');
  await chat.press('Be om hjelp');
  await chat.say('ja det er greit');
  await chat.press('For meg selv');
  await chat.say('det var min egen ide');
  expect(chat.intake).toMatchObject({ stage: 'clarify' });
  await chat.say('Jeg klarer ikke å betale husleia denne måneden og er redd vi mister leiligheten');
  expect(chat.lastText).toMatch(/bolig|penger/);
  await chat.say('ja');
  await chat.press('Noen måneder');
  await chat.say('Beholde et tak over hodet for ungene');
  await chat.press('Ingenting ennå');
  await chat.say('denne uka');
  expect(chat.intake).toMatchObject({ stage: 'strengths' });
  await chat.say('Jeg er en omsorgsfull mor og gir aldri opp');
  await chat.press('Det var alt');
  await chat.say('søsteren min');
  await chat.press('Noen å snakke med');
  await chat.press('Nært og godt');
  await chat.press('Nei, det var alt');
  expect(chat.intake).toMatchObject({ stage: 'assess' });
}

describe('Norwegian transcripts through the real agent over HTTP', () => {
  let running: RunningDoorway;
  beforeAll(async () => {
    running = await startDoorway();
  });
  afterAll(async () => {
    await running.close();
  });

  it('should book an intake interview in Norwegian, ending with a reference', async () => {
    const chat = chatWith(running.url, 'nb-booking-1', 'nb-NO');
    await tellTheStory(chat);
    await chat.say('0150');
    expect(chat.lastText).toContain('Godt nytt');
    expect(chat.intake).toMatchObject({ stage: 'booking' });
    await chat.press('På telefon');
    await chat.say('trenger ikke tolk');
    await chat.press('Trenger ingenting');
    const slot = chat.buttons.find((button) => button.value.startsWith('slot:'));
    expect(slot).toBeDefined();
    await chat.press(slot!.value);
    await chat.say('Amira');
    await chat.press('Telefon');
    await chat.say('412 34 567');
    expect(chat.intake).toMatchObject({ stage: 'summary' });
    expect(chat.lastText).toContain('Beholde et tak over hodet for ungene');
    expect(chat.lastText).toContain('Stemmer dette?');
    await chat.press('Ja, send det');

    const confirmation = chat.last.find((reply) => reply.channelData?.intake?.reference);
    expect(confirmation?.text).toMatch(/Da er timen bestilt.*DW-[A-HJ-NP-Z2-9]{6}/s);
    expect(confirmation?.attachments?.[0]).toMatchObject({ contentType: 'text/calendar' });
    expect(chat.intake).toMatchObject({ stage: 'done', progress: 1 });

    const stored = await running.doorway.store.findBooking(confirmation!.channelData!.intake!.reference!);
    expect(stored?.record).toMatchObject({ locale: 'nb', outcome: 'booked', contact: { name: 'Amira', detail: '41234567' }, request: { urgency: 'this_week' } });
    expect(stored?.record.strengths).toEqual(['Jeg er en omsorgsfull mor og gir aldri opp']);
  });

  it('should answer a crisis in Norwegian at once, then continue where the person was', async () => {
    const chat = chatWith(running.url, 'nb-crisis-1', 'nb-NO');
    await chat.say('hei');
    await chat.press('Be om hjelp');
    await chat.press('Ja, det er greit');
    await chat.press('For meg selv');
    await chat.press('Det var min egen idé');
    await chat.say('Jeg har mistet jobben');
    expect(chat.lastText).toContain('Stemmer det?');
    const crisis = await chat.say('ærlig talt orker jeg ikke å leve mer');
    expect(chat.lastText).toContain('Jeg blir bekymret');
    expect(chat.lastText).toContain('112');
    expect(chat.lastText).toContain('116 123');
    expect(chat.lastText).toContain('Er du trygg akkurat nå?');
    expect(crisis.at(-1)?.suggestedActions?.actions.map((action) => action.title)).toEqual(['Ja, jeg er trygg', 'Nei, jeg er ikke trygg']);
    const alerts = await running.doorway.db.query<{ kind: string; payload: { conversationId: string; crisisType: string } }>(
      "SELECT kind, payload FROM outbox WHERE kind = 'crisis.alert'"
    );
    expect(alerts.rows).toContainEqual({ kind: 'crisis.alert', payload: expect.objectContaining({ conversationId: 'nb-crisis-1', crisisType: 'self_harm' }) });

    await chat.say('ja, jeg er trygg nå');
    expect(chat.lastText).toContain('Så godt at du er trygg');
    expect(chat.lastText).toContain('Stemmer det?');
    expect(chat.buttons.map((button) => button.value)).toEqual(['category.confirm', 'category.change']);
  });
});
