import type { chatWith } from './test-server';

export type Chat = ReturnType<typeof chatWith>;

/** From the first hello to the area question, answering with buttons and typed words. */
export async function tellTheStory(chat: Chat): Promise<void> {
  await startAnIntake(chat);
  await answerTheRoute(chat);
  await tellTheRest(chat);
}

/** Hello, "Ask for help" and consent: the route question is next. */
export async function startAnIntake(chat: Chat): Promise<void> {
  await chat.say('hello');
  await chat.press('Ask for help');
  await chat.press('Yes, that\'s OK');
}

/** For whom and whose idea: the person's own words about the difficulty are next. */
export async function answerTheRoute(chat: Chat): Promise<void> {
  await chat.press('For myself');
  await chat.say('it was my own idea');
  expect(chat.intake).toMatchObject({ stage: 'clarify' });
}

/** From the difficulty to the area question: request, strengths and resources. */
export async function tellTheRest(chat: Chat): Promise<void> {
  await chat.say("I can't pay my rent this month and I'm scared we will lose the flat");
  expect(chat.lastText).toMatch(/housing|money/);
  await chat.say('yes');
  await chat.press('Some months');
  await chat.say('Keep a roof over my kids');
  await chat.press('Nothing yet');
  await chat.say('this wek');
  expect(chat.intake).toMatchObject({ stage: 'strengths' });
  await chat.say('I am a caring mum and I never give up');
  await chat.press("That's all");
  await chat.say('my sister');
  await chat.press('Someone to talk to');
  await chat.press('Close and strong');
  await chat.press("No, that's all");
  expect(chat.intake).toMatchObject({ stage: 'assess' });
}

/** From the area question to the summary: in the area, a phone interview at the first free time. */
export async function chooseAPhoneInterview(chat: Chat): Promise<void> {
  await chat.say('0150');
  expect(chat.intake).toMatchObject({ stage: 'booking' });
  await chat.press('By phone');
  await chat.press('No interpreter needed');
  await chat.press('Nothing needed');
  const slot = chat.buttons.find((button) => button.value.startsWith('slot:'));
  if (!slot) throw new Error(`No time offered.\n${chat.transcript.join('\n')}`);
  await chat.press(slot.value);
  await chat.say('Amira');
  await chat.press('Phone');
  await chat.say('412 34 567');
  expect(chat.intake).toMatchObject({ stage: 'summary' });
}
