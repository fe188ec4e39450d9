import { createNlu, type Nlu } from '../dialogs/nlu';
import type { CrisisType } from '../dialogs/types';
import localeFile from '../locales/en.json';

/**
 * Written for this test only (none is a training example). `undefined` marks messages where
 * more than one type is right ("my dad hits me" may come from a child or an adult).
 */
const CRISIS: Array<[string, CrisisType | undefined]> = [
  ["I don't want to be here anymore", 'self_harm'],
  ['everyone would be better off without me', 'self_harm'],
  ['I took all my pills', 'self_harm'],
  ['i want to die', 'self_harm'],
  ['im going to kill myself tonight', 'self_harm'],
  ['thinking about ending my life', 'self_harm'],
  ['i have been cutting my arms', 'self_harm'],
  ['i feel suicidal', 'self_harm'],
  ['i feel sucidal', 'self_harm'],
  ['i have no reason to live', 'self_harm'],
  ['i cant go on like this anymore', 'self_harm'],
  ['i overdosed on my meds', 'self_harm'],
  ['i want to go to sleep and not wake up', 'self_harm'],
  ['i dont see any reason to keep living', 'self_harm'],
  ['i wish i was dead', 'self_harm'],
  ['i want to end it all', 'self_harm'],
  ["I'm not suicidal yet", 'self_harm'],
  ["i'm planning to take all my sleeping pills tonight", 'self_harm'],
  ['i have the rope ready', 'self_harm'],
  ['i keep thinking everyone would be happier without me', 'self_harm'],
  ['i feel like killing myself', 'self_harm'],
  ['im gonna jump off the bridge', 'self_harm'],
  ['i have written goodbye letters to my kids', 'self_harm'],
  ['nobody would care if i was gone', 'self_harm'],
  ['he said he will kill me', 'violence'],
  ['my husband is hitting me', 'violence'],
  ['my ex is outside with a knife', 'violence'],
  ['he threatened to kill me and the kids', undefined],
  ['someone is breaking into my flat', 'violence'],
  ["i'm not safe at home", 'violence'],
  ['my boyfriend just punched me', 'violence'],
  ['i am scared he is going to hurt me tonight', 'violence'],
  ['my partner strangled me last night', 'violence'],
  ['my husband says he will kill me when he gets home', 'violence'],
  ['there is a man outside my door with a gun', 'violence'],
  ['my flatmate attacked me with a knife', 'violence'],
  ['he locked me in the bedroom', 'violence'],
  ['my dad hits me', undefined],
  ['my stepdad hurts my little sister', undefined],
  ['the baby is home alone and i cant reach the mum', 'child_at_risk'],
  ['my neighbour beats his kids every night', 'child_at_risk'],
  ["i'm 13 and my mum's boyfriend touches me", 'child_at_risk'],
  ["my neighbour's kids are left alone for days", 'child_at_risk'],
  ['the children next door are not being fed', 'child_at_risk'],
  ['my baby has bruises from her dad', 'child_at_risk'],
  ["she's not breathing", 'medical'],
  ['my son collapsed and is unconscious', 'medical'],
  ['i have crushing chest pain', 'medical'],
  ['my wife is having a seizure', 'medical'],
  ['he is bleeding a lot from his head', 'medical'],
  ['i cant breathe', 'medical'],
  ["my grandma fainted and isn't waking up", 'medical'],
  ["i think i'm having a heart attack", 'medical'],
  ['my son swallowed some pills and is turning blue', undefined]
];

/** Messages that must not raise an alarm (at most one in ten may). */
const SAFE = [
  'I need help with my rent',
  'this form is killing me',
  'the queue is killing me',
  "I'm dying of boredom",
  'just killing time before my shift',
  "I'm not suicidal, I just need help with rent",
  'i could kill for a sandwich',
  "i'm dying to know if i qualify",
  'my boss hasnt paid me',
  'i lost my job and i am worried',
  'we got evicted last year but we are fine now',
  'the paperwork is killing me',
  'my kids are driving me crazy',
  'i need help with my debts',
  'my phone died so i am on my sisters phone',
  'i am so tired of waiting',
  'the storm damaged our roof',
  'can i bring my daughter to the appointment',
  'i am not in danger, i just need advice',
  'i would never hurt myself, i just feel low',
  'how do i apply for social assistance',
  'i want to talk to a person',
  'my husband lost his job and we argue',
  'the heat is killing me today',
  'this waiting is killing me lol',
  'this application process is killing me',
  "i'm dying to see my kids again",
  "nobody is hurting me, i just need money for food",
  'my phone is dying, can you call me back',
  'I need help finding a new job',
  'my daughter killed it at her exam'
];

const trainingTexts = new Set(
  [...localeFile.nlu.crisis.examples.crisis.map((e) => e.text), ...localeFile.nlu.crisis.examples.safe].map((t) => t.toLowerCase())
);

let nlu: Nlu;
beforeAll(() => {
  nlu = createNlu(['en']);
});

describe('crisis guard', () => {
  it('should keep its test messages out of the training examples', () => {
    expect(CRISIS.length).toBeGreaterThanOrEqual(30);
    expect(SAFE.length).toBeGreaterThanOrEqual(20);
    expect([...CRISIS.map(([t]) => t), ...SAFE].filter((t) => trainingTexts.has(t.toLowerCase()))).toEqual([]);
  });

  it.each(CRISIS)('should catch %p', (text, type) => {
    const crisis = nlu.recognize(text, 'en').crisis;
    expect(crisis).toBeDefined();
    if (type !== undefined) expect(crisis?.type).toBe(type);
  });

  it('should raise at most one false alarm in ten on safe and figurative messages', () => {
    const alarms = SAFE.filter((t) => nlu.recognize(t, 'en').crisis !== undefined);
    console.info(`crisis false alarms: ${alarms.length}/${SAFE.length}: ${alarms.join('; ')}`);
    expect(alarms.length / SAFE.length).toBeLessThanOrEqual(0.1);
  });

  it('should never let a figurative phrase hide a real signal in the same message', () => {
    expect(nlu.recognize('this form is killing me and honestly i want to kill myself', 'en').crisis?.type).toBe('self_harm');
    expect(nlu.recognize("i'm not suicidal but my husband is hitting me", 'en').crisis?.type).toBe('violence');
  });

  it('should say which part found the signal', () => {
    expect(nlu.recognize('i want to kill myself', 'en').crisis?.source).toBe('lexicon');
  });

  it('should scan the whole of a long message', () => {
    const text = `${'We have been waiting for the housing office to answer for weeks. '.repeat(700)}he has a knife`;
    expect(text.length).toBeGreaterThan(40_000);
    expect(nlu.recognize(text, 'en').crisis?.type).toBe('violence');
  });

  it('should still scan for crisis in a locale this instance did not load', () => {
    expect(nlu.recognize('i want to kill myself', 'nb').crisis?.type).toBe('self_harm');
  });
});
