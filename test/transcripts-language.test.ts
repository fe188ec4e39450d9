import { chatWith, startDoorway, type RunningDoorway } from './helpers/test-server';

describe('choosing the language in the conversation', () => {
  let running: RunningDoorway;
  beforeAll(async () => {
    running = await startDoorway();
  });
  afterAll(async () => {
    await running.close();
  });

  it('should switch language midway and keep everything said so far', async () => {
    const chat = chatWith(running.url, 'switch-1', 'en-GB');
    await chat.say('hi');
    await chat.press('Ask for help');
    await chat.press("Yes, that's OK");
    await chat.press('For myself');
    await chat.press('It was my own idea');
    await chat.say('My landlord wants to evict us before Christmas');
    await chat.say('yes');
    expect(chat.lastText).toContain('How long has this been going on');

    await chat.say('change language');
    expect(chat.buttons.map((button) => button.value)).toEqual(expect.arrayContaining(['lang:en', 'lang:nb', 'lang:de', 'lang:zh-Hans', 'lang:zh-Hant']));
    await chat.press('Norsk (bokmål)');
    expect(chat.lastText).toContain('fortsetter vi på norsk');
    expect(chat.lastText).toContain('Hvor lenge har dette vart');

    await chat.press('Noen måneder');
    await chat.say('Å få bo i leiligheten');
    await chat.press('Ingenting ennå');
    const stored = await running.doorway.store.loadConversation('switch-1');
    expect(stored?.locale).toBe('nb');
    expect(JSON.stringify(stored?.snapshot)).toContain('My landlord wants to evict us before Christmas');
    expect(JSON.stringify(stored?.snapshot)).toContain('Å få bo i leiligheten');
  });

  it('should answer in the language of the first message when the channel says nothing', async () => {
    const chat = chatWith(running.url, 'detect-1', '');
    // No locale on the activity at all: the words decide.
    await chat.say('Hei, jeg har mistet jobben og klarer ikke å betale regningene');
    expect(chat.lastText).toContain('Hva vil du gjøre?');
    expect(chat.intake).toMatchObject({ stage: 'welcome' });
  });

  it('should follow the person who writes in another language than their browser', async () => {
    const chat = chatWith(running.url, 'detect-2', 'en-US');
    await chat.say('hello');
    await chat.press('Ask for help');
    await chat.say('Ich habe meine Arbeit verloren und weiß nicht weiter');
    expect(chat.lastText).toContain('Deutsch');
  });
});
