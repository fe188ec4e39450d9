import { CATEGORIES, CRISIS_TYPES, type Category, type CrisisType } from '../types';

/** The eight global commands of CONVERSATION.md ("Everywhere"), as understood from words. */
export const GLOBAL_COMMANDS = ['help', 'restart', 'human', 'language', 'delete', 'pause', 'resume', 'booking'] as const;
export type GlobalCommand = (typeof GLOBAL_COMMANDS)[number];

/** One frequent question: the answer shown and example wordings to recognise it by. */
export interface FaqEntry {
  answer: string;
  examples: string[];
}

/** The crisis lexicon and training examples of one locale (see `crisis.ts` for how they are used). */
export interface CrisisData {
  /** Named regular-expression fragments, used in patterns as `{name}`. */
  terms: Record<string, string>;
  /** Case-insensitive regular-expression sources for explicit signals, per crisis type. */
  patterns: Record<CrisisType, string[]>;
  /** Idioms that look alarming but are not ("this form is killing me"); masked before scanning. */
  figurative: string[];
  /** Clearly negated statements ("I'm not suicidal"); masked before scanning. Keep this list narrow. */
  negations: string[];
  examples: { crisis: Array<{ text: string; type: CrisisType }>; safe: string[] };
}

/** Everything the NLU reads from the `faq` and `nlu` sections of a locale file. */
export interface NluLocaleData {
  faq: Record<string, FaqEntry>;
  categories: Record<Category, string[]>;
  yes: string[];
  no: string[];
  unsure: string[];
  /** Politeness and filler words ignored when a short message is compared with a phrase. */
  fillers: string[];
  commands: Record<GlobalCommand, string[]>;
  crisis: CrisisData;
  /** The ways people type each button, by the button's value ("urgency.can_wait": ["not urgent", …]). */
  answers: Record<string, string[]>;
  /** Ordinary answers to each free-text question, by question id: what is not a crisis there. */
  ordinary: Record<string, string[]>;
  /** How long ago something started, for the since-when buckets (see `since.ts`). */
  time: TimeData;
  /** Reading the answer to "are you safe right now?" (see `safety.ts`). */
  safety: SafetyData;
  /** The button titles of the locale (`choice.*` messages), by button value key. */
  titles: Record<string, string>;
}

/** The words a locale uses for spans of time, months and weekdays. */
export interface TimeData {
  units: Record<'day' | 'week' | 'month' | 'year', string[]>;
  numbers: Record<string, number>;
  /** Twelve lists, January first. */
  months: string[][];
  /** Seven lists, Monday first. */
  weekdays: string[][];
  phrases: Record<'days' | 'weeks' | 'months' | 'years', string[]>;
}

/** Unambiguous safe answers, and the words that make a "yes" ambiguous. */
export interface SafetyData {
  safe: string[];
  hedges: string[];
}

const NO_TIME: TimeData = {
  units: { day: [], week: [], month: [], year: [] },
  numbers: {},
  months: [],
  weekdays: [],
  phrases: { days: [], weeks: [], months: [], years: [] }
};

type Json = unknown;

function fail(where: string, what: string): never {
  throw new Error(`locale NLU data: ${where} ${what}`);
}

function record(value: Json, where: string): Record<string, Json> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail(where, 'must be an object');
  return value as Record<string, Json>;
}

function strings(value: Json, where: string, min = 1): string[] {
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) fail(where, 'must be a list of strings');
  if (value.length < min) fail(where, `needs at least ${min} entries`);
  return value as string[];
}

function text(value: Json, where: string): string {
  if (typeof value !== 'string' || value.trim() === '') fail(where, 'must be a non-empty string');
  return value;
}

function keyed<K extends string, V>(value: Json, keys: readonly K[], where: string, read: (v: Json, w: string) => V): Record<K, V> {
  const source = record(value, where);
  const out = {} as Record<K, V>;
  for (const key of keys) {
    if (!(key in source)) fail(`${where}.${key}`, 'is missing');
    out[key] = read(source[key], `${where}.${key}`);
  }
  return out;
}

function crisisData(value: Json, where: string): CrisisData {
  const source = record(value, where);
  const terms = record(source.terms ?? {}, `${where}.terms`);
  const examples = record(source.examples, `${where}.examples`);
  const crisisExamples = examples.crisis;
  if (!Array.isArray(crisisExamples)) fail(`${where}.examples.crisis`, 'must be a list');
  return {
    terms: Object.fromEntries(Object.entries(terms).map(([k, v]) => [k, text(v, `${where}.terms.${k}`)])),
    patterns: keyed(source.patterns, CRISIS_TYPES, `${where}.patterns`, strings),
    figurative: strings(source.figurative ?? [], `${where}.figurative`, 0),
    negations: strings(source.negations ?? [], `${where}.negations`, 0),
    examples: {
      crisis: crisisExamples.map((item: Json, i) => {
        const entry = record(item, `${where}.examples.crisis[${i}]`);
        const type = entry.type;
        if (!CRISIS_TYPES.includes(type as CrisisType)) fail(`${where}.examples.crisis[${i}].type`, 'is not a crisis type');
        return { text: text(entry.text, `${where}.examples.crisis[${i}].text`), type: type as CrisisType };
      }),
      safe: strings(examples.safe, `${where}.examples.safe`)
    }
  };
}

function stringLists(value: Json, where: string): Record<string, string[]> {
  const source = record(value ?? {}, where);
  return Object.fromEntries(Object.entries(source).map(([key, list]) => [key, strings(list, `${where}.${key}`, 0)]));
}

function timeData(value: Json, where: string): TimeData {
  if (value === undefined) return NO_TIME;
  const source = record(value, where);
  const numbers = record(source.numbers ?? {}, `${where}.numbers`);
  const lists = (v: Json, w: string, count: number): string[][] => {
    if (v === undefined) return [];
    if (!Array.isArray(v) || v.length !== count) fail(w, `must be ${count} lists of names`);
    return v.map((names: Json, i) => strings(names, `${w}[${i}]`));
  };
  return {
    units: keyed(source.units, ['day', 'week', 'month', 'year'] as const, `${where}.units`, (v, w) => strings(v, w, 0)),
    numbers: Object.fromEntries(
      Object.entries(numbers).map(([word, n]) => {
        if (typeof n !== 'number' || !Number.isFinite(n)) fail(`${where}.numbers.${word}`, 'must be a number');
        return [word, n];
      })
    ),
    months: lists(source.months, `${where}.months`, 12),
    weekdays: lists(source.weekdays, `${where}.weekdays`, 7),
    phrases: keyed(source.phrases ?? { days: [], weeks: [], months: [], years: [] }, ['days', 'weeks', 'months', 'years'] as const, `${where}.phrases`, (v, w) => strings(v, w, 0))
  };
}

function safetyData(value: Json, where: string): SafetyData {
  const source = record(value ?? {}, where);
  return { safe: strings(source.safe ?? [], `${where}.safe`, 0), hedges: strings(source.hedges ?? [], `${where}.hedges`, 0) };
}

/** The `choice.*` messages, keyed by what follows `choice.` ("urgency.today"). */
function choiceTitles(value: Json): Record<string, string> {
  if (typeof value !== 'object' || value === null) return {};
  return Object.fromEntries(
    Object.entries(value as Record<string, Json>)
      .filter((entry): entry is [string, string] => entry[0].startsWith('choice.') && typeof entry[1] === 'string')
      .map(([key, title]) => [key.slice('choice.'.length), title])
  );
}

/**
 * Checks the `faq` and `nlu` sections of a parsed locale file and returns them typed. Throws an
 * error naming the bad field, so a broken locale fails at start-up rather than mid-conversation.
 */
export function parseNluData(localeFile: unknown, locale: string): NluLocaleData {
  try {
    const file = record(localeFile, 'file');
    const faq = record(file.faq, 'faq');
    const nlu = record(file.nlu, 'nlu');
    return {
      faq: Object.fromEntries(
        Object.entries(faq).map(([id, entry]) => {
          const e = record(entry, `faq.${id}`);
          return [id, { answer: text(e.answer, `faq.${id}.answer`), examples: strings(e.examples, `faq.${id}.examples`) }];
        })
      ),
      categories: keyed(nlu.categories, CATEGORIES, 'nlu.categories', strings),
      yes: strings(nlu.yes, 'nlu.yes'),
      no: strings(nlu.no, 'nlu.no'),
      unsure: strings(nlu.unsure, 'nlu.unsure'),
      fillers: strings(nlu.fillers ?? [], 'nlu.fillers', 0),
      commands: keyed(nlu.commands, GLOBAL_COMMANDS, 'nlu.commands', strings),
      crisis: crisisData(nlu.crisis, 'nlu.crisis'),
      answers: stringLists(nlu.answers, 'nlu.answers'),
      ordinary: stringLists(nlu.ordinary, 'nlu.ordinary'),
      time: timeData(nlu.time, 'nlu.time'),
      safety: safetyData(nlu.safety, 'nlu.safety'),
      titles: choiceTitles(file.messages)
    };
  } catch (error) {
    throw new Error(`[${locale}] ${(error as Error).message}`);
  }
}
