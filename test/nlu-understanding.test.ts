import { loadAgency, toAgencyInfo } from '../bot/config/agency';
import { loadEnv } from '../bot/config/env';
import type { IntakeEvent } from '../dialogs/intake/events';
import { createNlu } from '../dialogs/nlu';
import { questionById } from '../dialogs/render/questions';
import type { IntakeServices } from '../dialogs/services';
import { createConversationMachine } from '../dialogs/turn/conversation-machine';
import { interpret } from '../dialogs/turn/interpret';

const agency = toAgencyInfo(loadAgency(loadEnv({}).agencyConfig));
const machine = createConversationMachine({ agency, services: {} as IntakeServices });
const nlu = createNlu(['en']);
const at = '2026-11-29T12:00:00.000Z';
const read = (text: string, questionId?: string, suggestion?: { question: string; value: string }): IntakeEvent[] =>
  interpret({ text }, questionId ? questionById(machine, agency, 'en', questionId) : undefined, nlu, 'en', at, suggestion);
const kinds = (events: IntakeEvent[]) => events.map((event) => (event.type === 'CHOOSE' || event.type === 'UNSURE' ? `${event.type}:${event.value}` : event.type));

describe('the crisis guard in tiers', () => {
  it('should interrupt at once on explicit danger, whatever the question', () => {
    expect(kinds(read('i wanna kms', 'strengths.ask'))).toEqual(['CRISIS']);
    expect(read('he has a knife and says he will kill me', 'clarify.askGoal')[0]).toMatchObject({ type: 'CRISIS', crisisType: 'violence' });
  });

  it('should keep an answer with a weaker signal and follow it with a check-in, not an interruption', () => {
    const events = read("I've been giving my things away to friends this week", 'clarify.askDifficulty');
    expect(events[0]?.type).toBe('TEXT');
    expect(events.some((event) => event.type === 'CRISIS')).toBe(false);
    expect(events[1]?.type).toBe('CONCERN');
  });

  it('should not check in on an answer that plainly is a button', () => {
    expect(kinds(read('not urgent', 'clarify.askUrgency'))).toEqual(['CHOOSE:urgency.can_wait']);
  });

  it('should not check in on words kept on a free-text question that plainly name one of its buttons', () => {
    const question = questionById(machine, agency, 'en', 'resources.askWho');
    const weakSignal = (score: number) => ({
      ...nlu,
      recognize: () => ({ crisis: { type: 'child_at_risk' as const, tier: 'check-in' as const } }),
      guessChoice: () => ({ value: 'relation.family', score, margin: 0.3 })
    });
    expect(kinds(interpret({ text: 'my sister' }, question, weakSignal(0.6), 'en', at))).toEqual(['TEXT']);
    expect(kinds(interpret({ text: 'someone at home scares me' }, question, weakSignal(0.2), 'en', at))).toEqual(['TEXT', 'CONCERN']);
  });

  it('should read a danger signal while the safety question is open as its answer, not as a new crisis', () => {
    expect(kinds(read("he's back and banging on the door", 'crisis.askSafe'))).toEqual(['CHOOSE:crisis.unsafe']);
    expect(kinds(read('i want to die', 'crisis.checkIn'))).toEqual(['CHOOSE:crisis.unsafe']);
  });

  it.each(["yes but he'll be back tonight", 'for now', 'i think so', "that's all", 'kind of', 'yes, he is asleep now', 'yes...', 'not safe at all', 'yes im not safe'])(
    'should take %j at the safety question as not safe',
    (answer) => {
      expect(kinds(read(answer, 'crisis.askSafe'))).toEqual(['CHOOSE:crisis.unsafe']);
    }
  );

  it.each(['yes', "yes i'm safe", 'im safe now', 'yup totally safe', '100% safe', 'completely safe, yes'])('should take the plain %j at the safety question as safe', (answer) => {
    expect(kinds(read(answer, 'crisis.askSafe'))).toEqual(['CHOOSE:crisis.safe']);
  });

  it("should not read another language's negated statement as danger (every locale's negations are masked)", () => {
    const both = createNlu(['en', 'nb']);
    expect(both.recognize('jeg er ikke suicidal', 'en').crisis).toBeUndefined();
  });
});

describe('the per-question recogniser', () => {
  it.each([
    ['clarify.askUrgency', 'not urgent', 'urgency.can_wait'],
    ['clarify.askUrgency', 'later this week', 'urgency.this_week'],
    ['route.askInitiative', 'I decided myself', 'route.own'],
    ['route.askForWhom', 'for my mum', 'route.other'],
    ['resources.askTie', "we're close", 'tie.strong'],
    ['booking.askModality', 'phone is easier', 'modality.phone'],
    ['resources.askWho', 'nobody really', 'resources.none'],
    ['strengths.ask', 'nothing i can think of', 'strength.none'],
    ['clarify.askSince', 'since march', 'since.months'],
    ['clarify.askSince', 'two weeks ago', 'since.weeks']
  ])('should read at %s the typed %j as %s', (questionId, text, value) => {
    expect(kinds(read(text, questionId))).toEqual([`CHOOSE:${value}`]);
  });

  it('should keep a strength in the person own words rather than turn it into a chip', () => {
    expect(read('when my ex left I kept the kids fed and in school on my own', 'strengths.ask')[0]).toMatchObject({ type: 'TEXT' });
  });

  it('should ask back when a button is likely but not plain, and take a yes to the suggestion', () => {
    // A recogniser that is only fairly sure, so the rule is tested apart from the data.
    const fairlySure = { ...nlu, guessChoice: () => ({ value: 'urgency.this_week', score: 0.4, margin: 0.05 }) };
    const question = questionById(machine, agency, 'en', 'clarify.askUrgency');
    const events = interpret({ text: 'sometime soonish' }, question, fairlySure, 'en', at);
    expect(kinds(events)).toEqual(['UNSURE:urgency.this_week']);
    expect(kinds(read('yes', 'clarify.askUrgency', { question: 'clarify.askUrgency', value: 'urgency.this_week' }))).toEqual(['CHOOSE:urgency.this_week']);
  });

  it('should say which button words kept as typed are nearest, so a typed supporter gets a relation', () => {
    expect(read('my sister anna', 'resources.askWho')[0]).toMatchObject({ type: 'TEXT', closest: 'relation.family' });
  });
});

describe('plain safe answers in other words, in every language with spaces between words', () => {
  const all = createNlu(['en', 'nb', 'de', 'zh-Hans']);
  it.each([
    ['nb', 'jepp helt trygg', 'safe'],
    ['nb', 'ja, fare', 'unsafe'],
    ['nb', 'halvt greit', 'unsafe'],
    ['nb', 'ok', 'unsafe'],
    ['en', 'yes im saef', 'safe'],
    ['de', 'ja klar, bin sicher', 'safe'],
    ['de', 'ja, mir passiert was', 'unsafe'],
    ['de', 'ja, aber er kommt heute abend', 'unsafe'],
    ['zh-Hans', '嗯...', 'unsafe']
  ] as const)('should read %s %j as %s', (locale, answer, expected) => {
    expect(all.readSafety(answer, locale)).toBe(expected);
  });
});
