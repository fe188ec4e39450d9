import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { main } from '../bot/cli/nlu';
import { createNlu, type Nlu } from '../dialogs/nlu';
import localeFile from '../locales/en.json';
import type { Category, Locale } from '../dialogs/types';

/** Utterances written for this test only; none of them is in the locale's training data. */
const HELD_OUT: Array<[string, Category]> = [
  ['we have no money for food untill friday', 'financial'],
  ['my gas and electric bills keep piling up', 'financial'],
  ['i keep getting letters from debt collectors', 'financial'],
  ['how can i apply for benefits', 'financial'],
  ['our income support was cut and we cant get by', 'financial'],
  ['cant afford to buy groceries this month', 'financial'],
  ['my landlord gave me notice to leave the apartment', 'housing'],
  ['i am about to be evicted next week', 'housing'],
  ['we have no place to live', 'housing'],
  ['the flat is damp and mouldy and the landlord does nothing', 'housing'],
  ['cant pay my rent this month', 'housing'],
  ['looking for a cheaper place to rent', 'housing'],
  ['my shifts were cancelled and now i have no job', 'employment'],
  ['i need help finding a job', 'employment'],
  ['looking for work, any job really', 'employment'],
  ['my employer owes me 3 months salary', 'employment'],
  ['my contract ended and i cant find new work', 'employment'],
  ['i was laid off from the factory', 'employment'],
  ['my husband and i are separating and i worry about the kids', 'family'],
  ['my teenager and i fight every day', 'family'],
  ['my stepdaughter and i dont get along', 'family'],
  ['how do i get my kids to behave', 'family'],
  ['we argue all the time at home and the kids hear it', 'family'],
  ['struggling as a single dad', 'family'],
  ['i have been feeling really depressed', 'mental_health'],
  ['i get panic attacks on the bus', 'mental_health'],
  ['i feel so alone and sad', 'mental_health'],
  ['i need to talk to a therapist', 'mental_health'],
  ['cant stop worrying about everything', 'mental_health'],
  ['my anxiety is really bad lately', 'mental_health'],
  ['i spend all my money at the casino', 'substance_use'],
  ['my wife is addicted to alcohol', 'substance_use'],
  ['i need help to stop drinking', 'substance_use'],
  ['addicted to betting apps', 'substance_use'],
  ['my brother is hooked on heroin', 'substance_use'],
  ['need a place to detox', 'substance_use'],
  ['my boyfriend is abusive', 'violence'],
  ['my ex keeps threatening me', 'violence'],
  ['i need to get away from my abusive partner', 'violence'],
  ['a man keeps following me home and sending me messages', 'violence'],
  ['my partner controls my money and my phone', 'violence'],
  ['my husband hits me when he drinks', 'violence'],
  ['i use a wheelchair and need help at home', 'health_disability'],
  ['my daughter was diagnosed with autism', 'health_disability'],
  ['i need help with my disability benefit application', 'health_disability'],
  ['i have parkinsons and need help with daily tasks', 'health_disability'],
  ['my father has dementia and needs care', 'health_disability'],
  ['i need home help because of my illness', 'health_disability'],
  ['our house was flooded after the storm', 'disaster'],
  ['the storm blew the roof off our house', 'disaster'],
  ['we lost our home in a fire', 'disaster'],
  ['the flood ruined everything in our basement', 'disaster'],
  ['our home was damaged in the earthquake', 'disaster'],
  ['the forest fire reached our village and burned our house', 'disaster'],
  ['my visa expires next month', 'legal_immigration'],
  ['i need help with my asylum application', 'legal_immigration'],
  ['i need legal help with a court case', 'legal_immigration'],
  ['i am afraid of being deported', 'legal_immigration'],
  ['how do i apply for citizenship', 'legal_immigration'],
  ['immigration wont renew my residence permit', 'legal_immigration'],
  ['i need help filling in a form online', 'other'],
  ['where can i learn english', 'other'],
  ['i would like to volunteer', 'other'],
  ['i need a winter coat', 'other'],
  ['i need help using my computer', 'other'],
  ['just need some information please', 'other']
];

/** Questions written for this test only, with the FAQ they ask. */
const FAQ_QUESTIONS: Array<[string, string]> = [
  ['when do you open on monday', 'hours'],
  ['what time does the office close', 'hours'],
  ['where is your office', 'address'],
  ['what is the address of the office', 'address'],
  ['what documents should i bring', 'bring'],
  ['do i need to bring my id', 'bring'],
  ['what services do you have', 'offer'],
  ['how do i get social assistance', 'social_assistance'],
  ['what happens in the intake interview', 'intake_interview'],
  ['does it cost money', 'cost'],
  ['is it free of charge', 'cost'],
  ['who will see my information', 'privacy'],
  ['is what i say confidential', 'privacy'],
  ['can i get an interpreter', 'interpreter'],
  ['i need a translator for the meeting', 'interpreter']
];

const trainingTexts = new Set<string>(
  [
    ...Object.values(localeFile.nlu.categories).flat(),
    ...Object.values(localeFile.faq).flatMap((f) => f.examples)
  ].map((t) => t.toLowerCase())
);

function accuracy(nlu: Nlu): { accuracy: number; misses: string[] } {
  const misses = HELD_OUT.filter(([text, category]) => nlu.recognize(text, 'en').category?.category !== category).map(([t, c]) => `${t} (${c})`);
  return { accuracy: (HELD_OUT.length - misses.length) / HELD_OUT.length, misses };
}

let nlu: Nlu;

beforeAll(() => {
  nlu = createNlu(['en']);
});

describe('createNlu', () => {
  it('should reuse the trained models on a second call', () => {
    const start = performance.now();
    createNlu(['en']);
    expect(performance.now() - start).toBeLessThan(50);
  });

  it('should refuse a locale it has no data for', () => {
    expect(() => createNlu(['xx' as Locale])).toThrow(/xx/);
  });
});

describe('category', () => {
  it('should keep the held-out set out of the training data', () => {
    expect(HELD_OUT.length).toBeGreaterThanOrEqual(40);
    expect(HELD_OUT.filter(([t]) => trainingTexts.has(t.toLowerCase()))).toEqual([]);
  });

  it('should reach an accuracy of at least 0.9 on the held-out set', () => {
    const { accuracy: acc, misses } = accuracy(nlu);
    console.info(`held-out category accuracy (Bayes): ${acc.toFixed(3)}; misses: ${misses.join('; ')}`);
    expect(acc).toBeGreaterThanOrEqual(0.9);
  });

  it('should count gambling as substance use', () => {
    expect(nlu.recognize('i lost all our savings gambling online', 'en').category?.category).toBe('substance_use');
    expect(nlu.recognize('my husband bets away his whole wage every week', 'en').category?.category).toBe('substance_use');
  });

  it('should count unpaid wages as employment', () => {
    expect(nlu.recognize('my employer never paid my wages for march', 'en').category?.category).toBe('employment');
    expect(nlu.recognize("the cafe i worked at still hasn't paid me", 'en').category?.category).toBe('employment');
  });

  it('should count a storm-damaged home as a disaster, not housing', () => {
    expect(nlu.recognize('the storm damaged my house and the roof is gone', 'en').category?.category).toBe('disaster');
    expect(nlu.recognize('our flat was flooded in the storm last night', 'en').category?.category).toBe('disaster');
  });

  it('should give a confidence between 0 and 1', () => {
    const guess = nlu.recognize('i am being evicted', 'en').category;
    expect(guess?.category).toBe('housing');
    expect(guess?.confidence).toBeGreaterThan(0);
    expect(guess?.confidence).toBeLessThanOrEqual(1);
  });

  it("should say 'other' when nothing in the text is known", () => {
    expect(nlu.recognize('qwzx plorf', 'en').category).toEqual({ category: 'other', confidence: 0 });
  });

  it('should read through typos', () => {
    expect(nlu.recognize('my landlrod wants to evcit me', 'en').category?.category).toBe('housing');
  });
});

describe('yes/no', () => {
  it.each([
    ['yes', 'yes'],
    ['Yeah!', 'yes'],
    ['yse', 'yes'],
    ['yesss', 'yes'],
    ['ok sure', 'yes'],
    ['yes please', 'yes'],
    ["yes, that's fine", 'yes'],
    ['no', 'no'],
    ['Nope.', 'no'],
    ['no thanks', 'no'],
    ["no, i don't have anyone", 'no'],
    ['nah', 'no'],
    ['not sure', 'unsure'],
    ['I dont know', 'unsure'],
    ['maybe', 'unsure'],
    ['idk', 'unsure'],
    ['👍', 'yes']
  ])('should read %p as %p', (text, expected) => {
    expect(nlu.recognize(text, 'en').yesNo).toBe(expected);
  });

  it.each(['I need help with my rent', 'right now i am at home', 'my landlord said no to the repairs'])('should not read %p as an answer', (text) => {
    expect(nlu.recognize(text, 'en').yesNo).toBeUndefined();
  });
});

describe('commands', () => {
  it.each([
    ['help', 'help'],
    ['Help!', 'help'],
    ['start over please', 'restart'],
    ['can we start again', 'restart'],
    ['i want to talk to a person', 'human'],
    ['can i speak to a real person please', 'human'],
    ['change language', 'language'],
    ['på norsk', 'language'],
    ['delete my data', 'delete'],
    ['please delete all my information', 'delete'],
    ['pause', 'pause'],
    ["i'll come back later", 'pause'],
    ["i'm back", 'resume'],
    ['continue', 'resume'],
    ['I want to cancel my appointment', 'booking'],
    ['change my booking', 'booking'],
    ['cancel my booking K7P2QX9', 'booking'],
    ['reschedul', 'booking']
  ])('should read %p as the command %p', (text, command) => {
    expect(nlu.recognize(text, 'en').command).toBe(command);
  });

  it.each([
    'I need help with my rent',
    'can you help me with my debts',
    'my partner wants to start over in another city',
    'i need to talk to a person at the housing office about my deposit',
    'i want to delete the messages my ex sends me',
    'my appointment at the hospital was cancelled',
    'i speak english and arabic'
  ])('should not read free text %p as a command', (text) => {
    expect(nlu.recognize(text, 'en').command).toBeUndefined();
  });
});

describe('faq', () => {
  it('should recognise most held-out questions with the right id', () => {
    const hits = FAQ_QUESTIONS.filter(([q, id]) => nlu.recognize(q, 'en').faq?.id === id);
    const wrong = FAQ_QUESTIONS.filter(([q, id]) => {
      const found = nlu.recognize(q, 'en').faq?.id;
      return found !== undefined && found !== id;
    });
    expect(hits.length / FAQ_QUESTIONS.length).toBeGreaterThanOrEqual(0.8);
    expect(wrong).toEqual([]);
  });

  it.each([
    ['what are your opening hours', 'hours'],
    ['where are you located', 'address'],
    ['is it free', 'cost']
  ])('should answer %p with %p', (question, id) => {
    const faq = nlu.recognize(question, 'en').faq;
    expect(faq?.id).toBe(id);
    expect(faq?.confidence).toBeGreaterThanOrEqual(0.7);
  });

  it('should have the required FAQ ids with ten or more examples each', () => {
    for (const id of ['hours', 'address', 'bring', 'offer', 'social_assistance', 'intake_interview', 'cost', 'privacy', 'interpreter']) {
      expect(localeFile.faq[id as keyof typeof localeFile.faq].examples.length).toBeGreaterThanOrEqual(10);
    }
  });

  it.each(['I need help with my rent', 'my boss has not paid me', 'i feel depressed', 'yes', 'the storm damaged my house'])(
    'should not take %p for a question',
    (text) => {
      expect(nlu.recognize(text, 'en').faq).toBeUndefined();
    }
  );
});

describe('matchChoice', () => {
  const yesNo = [
    { value: 'consent.yes', title: "Yes, that's OK" },
    { value: 'consent.no', title: "No, don't save anything" },
    { value: 'consent.more', title: 'Tell me more' }
  ];
  const urgency = [
    { value: 'urgency.today', title: 'Today' },
    { value: 'urgency.this_week', title: 'This week' },
    { value: 'urgency.can_wait', title: 'It can wait' }
  ];
  const modality = [
    { value: 'modality.in_person', title: 'In person' },
    { value: 'modality.phone', title: 'Phone' },
    { value: 'modality.video', title: 'Video' }
  ];
  const plain = [
    { value: 'yes', title: 'Yes' },
    { value: 'no', title: 'No' }
  ];

  it.each([
    ['Yes', plain, 'yes'],
    ['yse', plain, 'yes'],
    ['this wek', urgency, 'urgency.this_week'],
    ['THIS WEEK!!', urgency, 'urgency.this_week'],
    ['  today ', urgency, 'urgency.today'],
    ['in persn', modality, 'modality.in_person'],
    ['inperson', modality, 'modality.in_person'],
    ['phone please', modality, 'modality.phone'],
    ['person', modality, 'modality.in_person'],
    ['2', modality, 'modality.phone'],
    ['3.', modality, 'modality.video'],
    ['tell me mroe', yesNo, 'consent.more'],
    ['yeah', yesNo, 'consent.yes'],
    ['nope', yesNo, 'consent.no']
  ])('should match %p to the right button', (text, choices, value) => {
    expect(nlu.matchChoice(text, choices, 'en')).toBe(value);
  });

  it.each([
    ['i would like to talk about my phone bill and the rent', modality],
    ['4', modality],
    ['0', modality],
    ['no', modality],
    ['week', [...urgency, { value: 'urgency.next_week', title: 'Next week' }]],
    ['banana', urgency]
  ])('should not match %p', (text, choices) => {
    expect(nlu.matchChoice(text, choices, 'en')).toBeUndefined();
  });
});

describe('text normalisation', () => {
  it('should handle a 50,000-character message quickly and still see a crisis at its end', () => {
    const long = 'I need help with my rent and my landlord is difficult. '.repeat(1000).slice(0, 49_970) + ' i want to kill myself';
    const start = performance.now();
    const u = nlu.recognize(long, 'en');
    expect(performance.now() - start).toBeLessThan(500);
    expect(u.category?.category).toBe('housing');
    expect(u.crisis?.type).toBe('self_harm');
  });

  it('should give emoji-only text no category and not crash', () => {
    const u = nlu.recognize('😢😢🙏', 'en');
    expect(u.category).toBeUndefined();
    expect(u.crisis).toBeUndefined();
  });

  it.each(['', '   ', '\u0000\u0001', '!!!???', '12345'])('should not crash on %p', (text) => {
    expect(() => nlu.recognize(text, 'en')).not.toThrow();
  });

  it('should read the text inside HTML and ignore the tags', () => {
    const u = nlu.recognize('<p>I was <b>evicted</b> from my <a href="x">flat</a>&nbsp;today</p>', 'en');
    expect(u.category?.category).toBe('housing');
    expect(nlu.recognize('<script>alert(1)</script>', 'en').crisis).toBeUndefined();
  });

  it('should keep the text as given', () => {
    expect(nlu.recognize('<b>Hi</b>', 'en').text).toBe('<b>Hi</b>');
  });
});

describe('bot/cli/nlu', () => {
  const dir = mkdtempSync(join(tmpdir(), 'doorway-nlu-'));
  const input = join(dir, 'input.jsonl');
  writeFileSync(
    input,
    [
      JSON.stringify({ text: 'I need help with my rent', locale: 'en' }),
      'this is not json',
      JSON.stringify({ text: 'I took all my pills', locale: 'en' }),
      '',
      JSON.stringify({ text: 'hello', locale: 'xx' }),
      JSON.stringify({ text: '🙂', locale: 'en' })
    ].join('\n')
  );

  it('should write one JSON line per input line and keep going after a bad line', () => {
    const run = spawnSync('npx', ['tsx', 'bot/cli/nlu.ts', '--input', input], { encoding: 'utf8', cwd: join(__dirname, '..') });
    expect(run.status).toBe(0);
    const lines = run.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toHaveLength(5);
    expect(lines[0]).toEqual({ text: 'I need help with my rent', locale: 'en', category: 'housing', confidence: expect.any(Number), crisis: false, crisisType: null });
    expect(lines[1].error).toEqual(expect.any(String));
    expect(lines[2]).toMatchObject({ text: 'I took all my pills', crisis: true, crisisType: 'self_harm' });
    expect(lines[3].error).toEqual(expect.any(String));
    expect(lines[4]).toMatchObject({ category: null, crisis: false, crisisType: null });
  }, 60_000);

  it('should exit with code 2 and a usage message when --input is missing', async () => {
    const out = new PassThrough();
    const err = new PassThrough();
    let stderr = '';
    err.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    expect(await main([], out, err)).toBe(2);
    expect(stderr).toMatch(/usage/i);
  });
});
