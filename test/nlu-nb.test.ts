import type { Nlu } from '../dialogs/nlu';
import localeFile from '../locales/nb.json';
import { describeEvaluationSet, localeChoices } from './helpers/nlu-evaluation';

const getNlu = describeEvaluationSet('nb', 'Norwegian', localeFile);
const choices = localeChoices('nb');

let nlu: Nlu;
beforeAll(() => {
  nlu = getNlu();
});

describe('Norwegian categories', () => {
  it.each([
    ['jeg har spilt bort sparepengene på nettspill', 'substance_use'],
    ['samboeren tipper på hest og taper alt vi har', 'substance_use'],
    ['arbeidsgiveren har ikke utbetalt lønna for mars', 'employment'],
    ['kafeen jeg jobbet på har ennå ikke betalt meg', 'employment'],
    ['stormen ødela huset og taket er borte', 'disaster'],
    ['leiligheten vår ble oversvømt i uværet i natt', 'disaster'],
    ['utleieren min vil kaste meg ut', 'housing'],
    ['utleieren min vill kaste meg ut av leiligheta', 'housing']
  ])('should read %p as %p', (text, category) => {
    expect(nlu.recognize(text, 'nb').category?.category).toBe(category);
  });

  it('should read typed-without-æøå text like the real spelling', () => {
    expect(nlu.recognize('jeg har ikke rad til husleia', 'nb').category?.category).toBe('housing');
    expect(nlu.recognize('trenger hjelp med gjeld og inkasso, okonomien er helt i grøfta', 'nb').category?.category).toBe('financial');
  });
});

describe('Norwegian crisis guard', () => {
  it.each([
    ['jeg orker ikke å leve mer', 'self_harm'],
    ['jeg orker ikke a leve mer', 'self_harm'],
    ['alle hadde hatt det bedre uten meg', 'self_harm'],
    ['jeg tenker på selvmord', 'self_harm'],
    ['jeg vil dø', 'self_harm'],
    ['jeg vil do', 'self_harm'],
    ['har tatt alle pillene mine', 'self_harm'],
    ['jeg er ikke suicidal ennå', 'self_harm'],
    ['han sa han skal drepe meg', 'violence'],
    ['jeg er ikke trygg hjemme', 'violence'],
    ['pappa slår meg', 'child_at_risk'],
    ['den lille er alene hjemme og mora er borte', 'child_at_risk'],
    ['han har sluttet å puste', 'medical'],
    ['ring ambulanse', 'medical']
  ])('should see a crisis in %p (%p)', (text, type) => {
    expect(nlu.recognize(text, 'nb').crisis?.type).toBe(type);
  });

  it.each([
    'dette skjemaet tar livet av meg',
    'disse papirene tar livet av meg',
    'jeg dør av kjedsomhet',
    'vi drepte tiden med kortspill',
    'jeg er ikke suicidal, jeg trenger hjelp med husleia',
    'jeg kommer aldri til å ta livet mitt, men jeg trenger hjelp med gjelda',
    'ingen slår meg, jeg trenger bare bolig',
    'jeg fikk sparken i går',
    'mobilen min er død'
  ])('should not raise an alarm for %p', (text) => {
    expect(nlu.recognize(text, 'nb').crisis).toBeUndefined();
  });
});

describe('Norwegian yes/no', () => {
  it.each([
    ['ja', 'yes'],
    ['Ja!', 'yes'],
    ['jepp', 'yes'],
    ['jaaa', 'yes'],
    ['ja, det er greit', 'yes'],
    ['det stemmer', 'yes'],
    ['ok', 'yes'],
    ['nei', 'no'],
    ['Nei takk.', 'no'],
    ['nei, jeg har ingen', 'no'],
    ['niks', 'no'],
    ['vet ikke', 'unsure'],
    ['jeg er ikke sikker', 'unsure'],
    ['kanskje', 'unsure'],
    ['👍', 'yes']
  ])('should read %p as %p', (text, expected) => {
    expect(nlu.recognize(text, 'nb').yesNo).toBe(expected);
  });

  it.each(['jeg trenger hjelp med husleia', 'utleieren sa nei til å fikse varmen'])('should not read %p as an answer', (text) => {
    expect(nlu.recognize(text, 'nb').yesNo).toBeUndefined();
  });
});

describe('Norwegian commands', () => {
  it.each([
    ['hjelp', 'help'],
    ['Hjelp!', 'help'],
    ['start på nytt', 'restart'],
    ['kan vi begynne på nytt', 'restart'],
    ['restart', 'restart'],
    ['jeg vil snakke med en person', 'human'],
    ['kan jeg snakke med et ekte menneske', 'human'],
    ['snakke med en person', 'human'],
    ['bytt språk', 'language'],
    ['på engelsk takk', 'language'],
    ['slett dataene mine', 'delete'],
    ['slett data', 'delete'],
    ['pause', 'pause'],
    ['jeg kommer tilbake senere', 'pause'],
    ['jeg er tilbake', 'resume'],
    ['fortsett', 'resume'],
    ['jeg vil avbestille timen min', 'booking'],
    ['endre bookingen', 'booking'],
    ['avbestill timen min K7P2QX9', 'booking']
  ])('should read %p as the command %p', (text, command) => {
    expect(nlu.recognize(text, 'nb').command).toBe(command);
  });

  it.each([
    'jeg trenger hjelp med husleia',
    'kan du hjelpe meg med gjelda',
    'samboeren vil starte på nytt i en annen by',
    'jeg vil slette meldingene eksen sender meg',
    'timen min på sykehuset ble avlyst'
  ])('should not read free text %p as a command', (text) => {
    expect(nlu.recognize(text, 'nb').command).toBeUndefined();
  });
});

describe('Norwegian FAQ', () => {
  it.each([
    ['når åpner dere på mandag', 'hours'],
    ['hvor er kontoret deres', 'address'],
    ['koster det penger', 'cost'],
    ['hvem får se det jeg skriver', 'privacy']
  ])('should answer %p with %p', (question, id) => {
    expect(nlu.recognize(question, 'nb').faq?.id).toBe(id);
  });

  it('should not take a problem for a question', () => {
    expect(nlu.recognize('jeg klarer ikke å betale husleia', 'nb').faq).toBeUndefined();
  });
});

describe('Norwegian button matching', () => {
  const consent = choices('consent.yes', 'consent.no', 'consent.more');
  const urgency = choices('urgency.today', 'urgency.this_week', 'urgency.can_wait');
  const modality = choices('modality.in_person', 'modality.phone', 'modality.video');
  const crisis = choices('crisis.safe', 'crisis.unsafe');

  it.each([
    ['ja, det er greit', consent, 'consent.yes'],
    ['ja det er greit', consent, 'consent.yes'],
    ['Ja det er gret', consent, 'consent.yes'],
    ['jepp', consent, 'consent.yes'],
    ['nei', consent, 'consent.no'],
    ['fortell meg mer', consent, 'consent.more'],
    ['fortel meg mer', consent, 'consent.more'],
    ['denne uka', urgency, 'urgency.this_week'],
    ['denne uken', urgency, 'urgency.this_week'],
    ['på telefon', modality, 'modality.phone'],
    ['pa telefon', modality, 'modality.phone'],
    ['video', modality, 'modality.video'],
    ['2', modality, 'modality.phone'],
    ['ja', crisis, 'crisis.safe'],
    ['ja, jeg er trygg', crisis, 'crisis.safe'],
    ['nei', crisis, 'crisis.unsafe']
  ])('should match %p to the right button', (text, buttons, value) => {
    expect(nlu.matchChoice(text, buttons, 'nb')).toBe(value);
  });

  it.each([
    ['jeg vil gjerne snakke om telefonregningen og husleia', modality],
    ['banan', urgency]
  ])('should not match %p', (text, buttons) => {
    expect(nlu.matchChoice(text, buttons, 'nb')).toBeUndefined();
  });
});
