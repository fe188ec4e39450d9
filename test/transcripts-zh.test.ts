import { catalogue } from '../dialogs/render/catalogue';
import type { Locale } from '../dialogs/types';
import { chatWith, startDoorway, type RunningDoorway } from './helpers/test-server';

type Chat = ReturnType<typeof chatWith>;

/**
 * What a person types in each script. The conversation's own messages and buttons come from the
 * locale file, so the test reads them there rather than repeating them.
 */
const SAYS: Record<'zh-Hans' | 'zh-Hant', Record<string, string>> = {
  'zh-Hans': {
    hello: '你好',
    consent: '可以',
    initiative: '是我自己想来的',
    difficulty: '这个月房租交不起了，我很怕我们会被赶出去',
    goal: '让孩子们有个安稳的家',
    urgency: '这个星期',
    strength: '我是个很会照顾孩子的妈妈，从来不放弃',
    who: '我姐姐',
    interpreter: '不需要口译',
    name: '李明',
    lostJob: '我失业了',
    crisis: '说实话，我真的不想活了',
    safe: '是的，我安全'
  },
  'zh-Hant': {
    hello: '您好',
    consent: '好',
    initiative: '是我自己想來的',
    difficulty: '這個月房租繳不出來，我很怕我們會被趕出去',
    goal: '讓孩子有個安穩的家',
    urgency: '這個禮拜',
    strength: '我是很會照顧小孩的媽媽，從來不放棄',
    who: '我姊姊',
    interpreter: '不需要通譯',
    name: '陳美玲',
    lostJob: '我被資遣了',
    crisis: '老實說，我真的不想活了',
    safe: '是，我安全'
  }
};

const CASES: Array<{ locale: 'zh-Hans' | 'zh-Hant'; channelLocale: string }> = [
  { locale: 'zh-Hans', channelLocale: 'zh-CN' },
  { locale: 'zh-Hant', channelLocale: 'zh-TW' }
];

describe.each(CASES)('Chinese transcripts through the real agent over HTTP ($locale)', ({ locale, channelLocale }) => {
  const says = SAYS[locale];
  const m = catalogue(locale as Locale).messages;
  const button = (key: string) => m[`choice.${key}`] ?? `[missing choice.${key}]`;
  /** The part of a message before its first placeholder, enough to recognise it. */
  const opening = (key: string) => (m[key] ?? `[missing ${key}]`).split('{')[0]!;

  let running: RunningDoorway;
  beforeAll(async () => {
    running = await startDoorway();
  });
  afterAll(async () => {
    await running.close();
  });

  /** From the first hello to the area question, answering with buttons and typed words. */
  async function tellTheStory(chat: Chat) {
    await chat.say(says.hello);
    expect(chat.lastText).toContain(opening('welcome.greeting'));
    await chat.press(button('welcome.start'));
    await chat.say(says.consent);
    await chat.press(button('route.self'));
    await chat.say(says.initiative);
    expect(chat.intake).toMatchObject({ stage: 'clarify' });
    await chat.say(says.difficulty);
    expect(chat.lastText).toMatch(new RegExp(`${m['category.housing']}|${m['category.financial']}`));
    await chat.press(button('category.confirm'));
    await chat.press(button('since.months'));
    await chat.say(says.goal);
    await chat.press(button('tried.nothing'));
    await chat.say(says.urgency);
    expect(chat.intake).toMatchObject({ stage: 'strengths' });
    await chat.say(says.strength);
    await chat.press(button('strengths.done'));
    await chat.say(says.who);
    await chat.press(button('support.emotional'));
    await chat.press(button('tie.strong'));
    await chat.press(button('resources.done'));
    expect(chat.intake).toMatchObject({ stage: 'assess' });
  }

  it('should book an intake interview, ending with a reference', async () => {
    const chat = chatWith(running.url, `${locale}-booking-1`, channelLocale);
    await tellTheStory(chat);
    await chat.say('0150');
    expect(chat.lastText).toContain(opening('assess.inScope'));
    expect(chat.intake).toMatchObject({ stage: 'booking' });
    await chat.press(button('modality.phone'));
    await chat.say(says.interpreter);
    await chat.press(button('access.none'));
    const slot = chat.buttons.find((b) => b.value.startsWith('slot:'));
    expect(slot).toBeDefined();
    await chat.press(slot!.value);
    await chat.say(says.name);
    await chat.press(button('contact.phone'));
    await chat.say('412 34 567');
    expect(chat.intake).toMatchObject({ stage: 'summary' });
    expect(chat.lastText).toContain(says.goal);
    expect(chat.lastText).toContain(m['summary.ask']);
    await chat.press(button('summary.send'));

    const confirmation = chat.last.find((reply) => reply.channelData?.intake?.reference);
    expect(confirmation?.text).toContain(opening('booking.confirmed'));
    expect(confirmation?.text).toMatch(/DW-[A-HJ-NP-Z2-9]{6}/);
    expect(confirmation?.attachments?.[0]).toMatchObject({ contentType: 'text/calendar' });
    expect(chat.intake).toMatchObject({ stage: 'done', progress: 1 });

    const stored = await running.doorway.store.findBooking(confirmation!.channelData!.intake!.reference!);
    expect(stored?.record).toMatchObject({
      locale,
      outcome: 'booked',
      contact: { name: says.name, detail: '41234567' },
      request: { urgency: 'this_week', goal: says.goal }
    });
    expect(stored?.record.strengths).toEqual([says.strength]);
  });

  it('should answer a crisis at once with the emergency numbers, then return to the question', async () => {
    const chat = chatWith(running.url, `${locale}-crisis-1`, channelLocale);
    await chat.say(says.hello);
    await chat.press(button('welcome.start'));
    await chat.press(button('consent.yes'));
    await chat.press(button('route.self'));
    await chat.press(button('route.own'));
    await chat.say(says.lostJob);
    const question = m['clarify.confirmCategory']!.split('**')[2]!;
    expect(chat.lastText).toContain(question);

    const crisis = await chat.say(says.crisis);
    expect(chat.lastText).toContain(m['crisis.intro']);
    expect(chat.lastText).toContain('112');
    expect(chat.lastText).toContain('113');
    expect(chat.lastText).toContain('116 123');
    expect(chat.lastText).toContain(m['crisis.askSafe']);
    expect(crisis.at(-1)?.suggestedActions?.actions.map((action) => action.value)).toEqual(['crisis.safe', 'crisis.unsafe']);
    expect(crisis.at(-1)?.suggestedActions?.actions.map((action) => action.title)).toEqual([button('crisis.safe'), button('crisis.unsafe')]);
    const alerts = await running.doorway.db.query<{ kind: string; payload: { conversationId: string; crisisType: string } }>(
      "SELECT kind, payload FROM outbox WHERE kind = 'crisis.alert'"
    );
    expect(alerts.rows).toContainEqual({ kind: 'crisis.alert', payload: expect.objectContaining({ conversationId: `${locale}-crisis-1`, crisisType: 'self_harm' }) });

    // Typed rather than pressed: the answer is read against the buttons on screen.
    await chat.say(says.safe);
    expect(chat.lastText).toContain(m['crisis.gladSafe']);
    expect(chat.lastText).toContain(question);
    expect(chat.buttons.map((b) => b.value)).toEqual(['category.confirm', 'category.change']);
  });
});
