import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createNlu, type Nlu } from '../dialogs/nlu';
import { catalogue } from '../dialogs/render/catalogue';
import type { Category, CrisisType } from '../dialogs/types';
import localeFile from '../locales/de.json';

/** One line of bench/nlu-eval/de.jsonl: a category utterance or a crisis/non-crisis one. */
interface EvalRow {
  text: string;
  locale: string;
  category?: Category;
  crisis?: boolean;
  crisisType?: CrisisType | null;
}

const rows = readFileSync(join(__dirname, '../bench/nlu-eval/de.jsonl'), 'utf8')
  .split('\n')
  .filter((line) => line.trim() !== '')
  .map((line) => JSON.parse(line) as EvalRow);
const categoryRows = rows.filter((row) => row.category !== undefined);
const crisisRows = rows.filter((row) => row.crisis === true);
const safeRows = rows.filter((row) => row.crisis === false);

const trainingTexts = new Set<string>(
  [
    ...Object.values(localeFile.nlu.categories).flat(),
    ...Object.values(localeFile.faq).flatMap((f) => f.examples),
    ...localeFile.nlu.crisis.examples.crisis.map((e) => e.text),
    ...localeFile.nlu.crisis.examples.safe
  ].map((t) => t.toLowerCase())
);

/** The button titles as a person sees them, so the tests follow the locale file. */
const title = (key: string): string => catalogue('de').messages[key] ?? key;
const choices = (...values: string[]) => values.map((value) => ({ value, title: title(`choice.${value}`) }));

let nlu: Nlu;
let trainingMs: number;

beforeAll(() => {
  const start = performance.now();
  nlu = createNlu(['de']);
  trainingMs = performance.now() - start;
});

describe('German NLU on the evaluation set (bench/nlu-eval/de.jsonl)', () => {
  it('should train in well under a second', () => {
    console.info(`NLU training (de): ${Math.round(trainingMs)} ms`);
    expect(trainingMs).toBeLessThan(1500);
  });

  it('should hold enough utterances, none of them in the training data', () => {
    expect(categoryRows.length).toBeGreaterThanOrEqual(33);
    expect(crisisRows.length).toBeGreaterThanOrEqual(12);
    expect(safeRows.length).toBeGreaterThanOrEqual(12);
    expect(new Set(crisisRows.map((row) => row.crisisType))).toEqual(new Set(['self_harm', 'violence', 'child_at_risk', 'medical']));
    expect(rows.every((row) => row.locale === 'de')).toBe(true);
    expect(rows.filter((row) => trainingTexts.has(row.text.toLowerCase())).map((row) => row.text)).toEqual([]);
  });

  it('should reach a category accuracy of at least 0.9', () => {
    const misses = categoryRows.filter((row) => nlu.recognize(row.text, 'de').category?.category !== row.category);
    const accuracy = (categoryRows.length - misses.length) / categoryRows.length;
    console.info(`de category accuracy: ${accuracy.toFixed(3)}; misses: ${misses.map((m) => `${m.text} (${m.category})`).join('; ')}`);
    expect(accuracy).toBeGreaterThanOrEqual(0.9);
  });

  it('should catch every crisis (recall 1.0), mostly with the right type', () => {
    const missed = crisisRows.filter((row) => nlu.recognize(row.text, 'de').crisis === undefined).map((row) => row.text);
    const wrongType = crisisRows.filter((row) => {
      const hit = nlu.recognize(row.text, 'de').crisis;
      return hit !== undefined && hit.type !== row.crisisType;
    });
    console.info(`de crisis recall: ${((crisisRows.length - missed.length) / crisisRows.length).toFixed(3)}; wrong type: ${wrongType.map((r) => r.text).join('; ')}`);
    expect(missed).toEqual([]);
    expect(wrongType.length / crisisRows.length).toBeLessThanOrEqual(0.1);
  });

  it('should raise at most one false alarm in ten', () => {
    const alarms = safeRows.filter((row) => nlu.recognize(row.text, 'de').crisis !== undefined).map((row) => row.text);
    const rate = alarms.length / safeRows.length;
    console.info(`de false-positive rate: ${rate.toFixed(3)}; alarms: ${alarms.join('; ')}`);
    expect(rate).toBeLessThanOrEqual(0.1);
  });
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
