import type { Nlu } from '../dialogs/nlu';
import localeFile from '../locales/de.json';
import { describeEvaluationSet, localeChoices } from './helpers/nlu-evaluation';

const getNlu = describeEvaluationSet('de', 'German', localeFile);
const choices = localeChoices('de');

let nlu: Nlu;
beforeAll(() => {
  nlu = getNlu();
});

describe('German categories', () => {
  it.each([
    ['ich habe unser erspartes beim online poker verzockt', 'substance_use'],
    ['mein freund wettet jede woche sein ganzes geld', 'substance_use'],
    ['der arbeitgeber hat den lohn für märz nicht überwiesen', 'employment'],
    ['das cafe in dem ich gearbeitet habe hat mich immer noch nicht bezahlt', 'employment'],
    ['der sturm hat unser haus beschädigt und das dach ist weg', 'disaster'],
    ['unsere wohnung wurde heute nacht im unwetter überflutet', 'disaster'],
    ['mein vermieter will mich rauswerfen', 'housing'],
    ['mein vermietr will mich rauswerfn', 'housing']
  ])('should read %p as %p', (text, category) => {
    expect(nlu.recognize(text, 'de').category?.category).toBe(category);
  });

  it('should read text without umlauts like the real spelling', () => {
    expect(nlu.recognize('ich habe eine kuendigung fuer meine wohnung bekommen', 'de').category?.category).toBe('housing');
    expect(nlu.recognize('ich habe eine Kündigung für meine Wohnung bekommen', 'de').category?.category).toBe('housing');
    expect(nlu.recognize('die stromrechnung und die mietschulden wachsen mir ueber den kopf', 'de').category?.category).toBe('financial');
  });
});

describe('German crisis guard', () => {
  it.each([
    ['ich will nicht mehr leben', 'self_harm'],
    ['Ich will nicht mehr leben.', 'self_harm'],
    ['ich kann nicht mehr', 'self_harm'],
    ['ich denke an suizid', 'self_harm'],
    ['ich will mich umbringen', 'self_harm'],
    ['ich will sterben', 'self_harm'],
    ['ich habe alle meine tabletten genommen', 'self_harm'],
    ['ich bin nicht suizidal glaube ich', 'self_harm'],
    ['er hat gesagt er bringt mich um', 'violence'],
    ['er hat gesagt, dass er mich umbringt', 'violence'],
    ['ich bin zu hause nicht sicher', 'violence'],
    ['mein Vater schlägt mich', 'child_at_risk'],
    ['mein vater schlaegt mich', 'child_at_risk'],
    ['sie atmet nicht', 'medical'],
    ['bitte einen krankenwagen', 'medical']
  ])('should see a crisis in %p (%p)', (text, type) => {
    expect(nlu.recognize(text, 'de').crisis?.type).toBe(type);
  });

  it.each([
    'dieses Formular bringt mich um',
    'diese Hitze bringt mich noch um',
    'ich sterbe vor Langeweile',
    'wir haben die Zeit totgeschlagen',
    'das macht mich fertig',
    'ich bin nicht suizidal, ich brauche hilfe mit der miete',
    'ich würde mir nie etwas antun, aber ich brauche hilfe mit den schulden',
    'niemand schlägt mich, ich brauche nur eine wohnung',
    'ich kann die miete nicht mehr zahlen',
    'mein handy ist tot'
  ])('should not raise an alarm for %p', (text) => {
    expect(nlu.recognize(text, 'de').crisis).toBeUndefined();
  });
});

describe('German yes/no', () => {
  it.each([
    ['ja', 'yes'],
    ['Ja!', 'yes'],
    ['jap', 'yes'],
    ['jaaa', 'yes'],
    ['Ja, in Ordnung', 'yes'],
    ['das stimmt', 'yes'],
    ['okay', 'yes'],
    ['nein', 'no'],
    ['Nein danke.', 'no'],
    ['nein, ich habe niemanden', 'no'],
    ['nö', 'no'],
    ['weiß nicht', 'unsure'],
    ['weiss nicht', 'unsure'],
    ['ich bin mir nicht sicher', 'unsure'],
    ['vielleicht', 'unsure'],
    ['👍', 'yes']
  ])('should read %p as %p', (text, expected) => {
    expect(nlu.recognize(text, 'de').yesNo).toBe(expected);
  });

  it.each(['ich brauche hilfe mit der miete', 'der vermieter hat nein zur reparatur gesagt'])('should not read %p as an answer', (text) => {
    expect(nlu.recognize(text, 'de').yesNo).toBeUndefined();
  });
});

describe('German commands', () => {
  it.each([
    ['hilfe', 'help'],
    ['Hilfe!', 'help'],
    ['neu starten', 'restart'],
    ['können wir von vorne anfangen', 'restart'],
    ['restart', 'restart'],
    ['ich möchte mit einem menschen sprechen', 'human'],
    ['kann ich bitte mit einer echten person sprechen', 'human'],
    ['sprache ändern', 'language'],
    ['sprache aendern', 'language'],
    ['auf englisch bitte', 'language'],
    ['meine daten löschen', 'delete'],
    ['bitte lösche meine daten', 'delete'],
    ['pause', 'pause'],
    ['ich komme später wieder', 'pause'],
    ['ich bin wieder da', 'resume'],
    ['weiter', 'resume'],
    ['ich möchte meinen termin absagen', 'booking'],
    ['termin canceln', 'booking'],
    ['termin verschieben K7P2QX9', 'booking']
  ])('should read %p as the command %p', (text, command) => {
    expect(nlu.recognize(text, 'de').command).toBe(command);
  });

  it.each([
    'ich brauche hilfe mit der miete',
    'können sie mir bei meinen schulden helfen',
    'mein partner will in einer anderen stadt neu anfangen',
    'ich will die nachrichten von meinem ex löschen',
    'mein termin im krankenhaus wurde abgesagt'
  ])('should not read free text %p as a command', (text) => {
    expect(nlu.recognize(text, 'de').command).toBeUndefined();
  });
});

describe('German FAQ', () => {
  it.each([
    ['wann haben sie am montag offen', 'hours'],
    ['wo ist ihr büro', 'address'],
    ['kostet das geld', 'cost'],
    ['bleibt alles was ich schreibe vertraulich', 'privacy']
  ])('should answer %p with %p', (question, id) => {
    expect(nlu.recognize(question, 'de').faq?.id).toBe(id);
  });

  it('should not take a problem for a question', () => {
    expect(nlu.recognize('ich kann die miete nicht bezahlen', 'de').faq).toBeUndefined();
  });
});

describe('German button matching', () => {
  const consent = choices('consent.yes', 'consent.no', 'consent.more');
  const urgency = choices('urgency.today', 'urgency.this_week', 'urgency.can_wait');
  const modality = choices('modality.in_person', 'modality.phone', 'modality.video');
  const crisis = choices('crisis.safe', 'crisis.unsafe');

  it.each([
    ['Ja, in Ordnung', consent, 'consent.yes'],
    ['ja in ordnung', consent, 'consent.yes'],
    ['ja in ordnug', consent, 'consent.yes'],
    ['jap', consent, 'consent.yes'],
    ['nein', consent, 'consent.no'],
    ['mehr erfahren', consent, 'consent.more'],
    ['mehr erfaren', consent, 'consent.more'],
    ['diese woche', urgency, 'urgency.this_week'],
    ['diese wochee', urgency, 'urgency.this_week'],
    ['am telefon', modality, 'modality.phone'],
    ['telefon', modality, 'modality.phone'],
    ['per video', modality, 'modality.video'],
    ['2', modality, 'modality.phone'],
    ['ja', crisis, 'crisis.safe'],
    ['ja, ich bin in sicherheit', crisis, 'crisis.safe'],
    ['nein', crisis, 'crisis.unsafe']
  ])('should match %p to the right button', (text, buttons, value) => {
    expect(nlu.matchChoice(text, buttons, 'de')).toBe(value);
  });

  it.each([
    ['ich möchte über meine telefonrechnung und die miete sprechen', modality],
    ['banane', urgency]
  ])('should not match %p', (text, buttons) => {
    expect(nlu.matchChoice(text, buttons, 'de')).toBeUndefined();
  });
});
