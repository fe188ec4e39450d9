import { CATEGORIES, type Locale } from '../types';
import { AnswerModel, ExampleIndex, type AnswerGuess } from './answers';
import { CategoryModel, type CategoryGuess } from './category';
import { CommandRecognizer } from './commands';
import { CrisisClassifier, CrisisLexicon, detectCrisis, type CrisisHit } from './crisis';
import { FaqModel, type FaqGuess } from './faq';
import { FeatureExtractor } from './features';
import type { LocalePack } from './language';
import type { GlobalCommand } from './locale-data';
import { matchChoice, type Choice } from './match-choice';
import { analysedPrefix, cleanText, hasLetters } from './normalize';
import { PACK_LOADERS } from './packs';
import { PhraseNormalizer } from './phrases';
import { SafetyReader, type SafetyAnswer } from './safety';
import { SinceReader, type SinceBucket } from './since';
import type { ClassifierKind } from './text-classifier';
import { YesNoRecognizer, type YesNo } from './yes-no';

export type { AnswerGuess } from './answers';
export type { CrisisHit, CrisisTier } from './crisis';
export type { SafetyAnswer } from './safety';
export type { SinceBucket } from './since';
export type { GlobalCommand } from './locale-data';
export type { Choice } from './match-choice';
export type { YesNo } from './yes-no';

/** Everything understood from one message. */
export interface Understanding {
  text: string;
  locale: Locale;
  /** Present for any text with letters; 'other' when unsure. */
  category?: CategoryGuess;
  crisis?: CrisisHit;
  yesNo?: YesNo;
  /** Only when the whole message is essentially the command. */
  command?: GlobalCommand;
  /** Only when confident. */
  faq?: FaqGuess;
}

/** The NLU as the conversation uses it. */
export interface Nlu {
  /**
   * What a message says. With the id of the question on screen, the crisis guard also knows what
   * is an ordinary answer there.
   */
  recognize(text: string, locale: Locale, questionId?: string): Understanding;
  /** Which offered button a typed answer most likely means, with how sure that is. */
  guessChoice(text: string, choices: Choice[], locale: Locale): AnswerGuess | undefined;
  /** How long ago something started ("since March", "2 weeks"), relative to `now`. */
  readSince(text: string, locale: Locale, now: Date): SinceBucket | undefined;
  /** An answer to "are you safe right now?": only an unambiguous yes is safe. */
  readSafety(text: string, locale: Locale): SafetyAnswer;
  /** The value of the button the typed text stands for, if any. */
  matchChoice(text: string, choices: Choice[], locale: Locale): string | undefined;
  /** Trains the locales not trained yet, one at a time, letting other work run in between. */
  warmUp(): Promise<void>;
}

export interface NluOptions {
  classifier?: ClassifierKind;
  /**
   * Locales trained before `createNlu` returns (default: all). The others are trained by
   * `warmUp()` or on their first message, so a server can answer in its main language sooner.
   * Every locale's crisis lexicon is loaded at once either way.
   */
  eager?: Locale[];
}

/** Locales that have NLU data and language tools. */
export const NLU_LOCALES = Object.keys(PACK_LOADERS) as Locale[];

/** The trained models of one locale. */
interface Trained {
  pack: LocalePack;
  category: CategoryModel;
  faq: FaqModel;
  lexicon: CrisisLexicon;
  crisis: CrisisClassifier;
  yesNo: YesNoRecognizer;
  commands: CommandRecognizer;
  normalizer: PhraseNormalizer;
  answers: AnswerModel;
  ordinary: ExampleIndex;
  since: SinceReader;
  safety: SafetyReader;
}

/** How close to an ordinary answer of the question on screen a message must be to not need a check-in. */
const ORDINARY_NEAR = 0.4;

// Training is deterministic, so one trained model per locale is shared by every createNlu call.
const trainedCache = new Map<string, Trained>();

/** Trains (or takes from the cache) every model of one locale. */
function trainLocale(locale: Locale, kind: ClassifierKind = 'bayes'): Trained {
  const key = `${locale}:${kind}`;
  const cached = trainedCache.get(key);
  if (cached !== undefined) return cached;
  const load = PACK_LOADERS[locale];
  if (load === undefined) throw new Error(`NLU: no data for locale "${locale}" (have: ${NLU_LOCALES.join(', ')})`);
  const pack = load();
  const { data, tools } = pack;
  const extractor = new FeatureExtractor(tools, [
    ...CATEGORIES.flatMap((c) => data.categories[c]),
    ...Object.values(data.faq).flatMap((f) => f.examples),
    ...data.crisis.examples.crisis.map((e) => e.text),
    ...data.crisis.examples.safe
  ]);
  const normalizer = new PhraseNormalizer(data.fillers, tools.phraseForm?.bind(tools));
  const trained: Trained = {
    pack,
    category: new CategoryModel(extractor, data, kind),
    faq: new FaqModel(extractor, data),
    lexicon: new CrisisLexicon(data.crisis, locale),
    crisis: new CrisisClassifier(extractor, data),
    yesNo: new YesNoRecognizer(data, normalizer),
    commands: new CommandRecognizer(data, normalizer),
    normalizer,
    answers: new AnswerModel(tools, normalizer, data),
    ordinary: new ExampleIndex(tools, normalizer, new Map(Object.entries(data.ordinary))),
    since: new SinceReader(data.time, tools.phraseForm?.bind(tools)),
    safety: new SafetyReader(data, normalizer)
  };
  trainedCache.set(key, trained);
  return trained;
}

/**
 * Builds the NLU for the given locales (default: every locale with NLU data). Throws at once for a
 * locale without data. A message in a locale that was not loaded is read with the first loaded
 * locale's models, and the crisis lexicons of all loaded locales scan every message.
 */
export function createNlu(locales: Locale[] = NLU_LOCALES, options: NluOptions = {}): Nlu {
  if (locales.length === 0) throw new Error('NLU: at least one locale is needed');
  const eager = options.eager?.filter((locale) => locales.includes(locale)) ?? locales;
  const models = new Map<Locale, Trained>();
  const train = (locale: Locale): Trained => {
    const trained = models.get(locale) ?? trainLocale(locale, options.classifier);
    models.set(locale, trained);
    return trained;
  };
  for (const locale of eager.length > 0 ? eager : locales.slice(0, 1)) train(locale);
  // The crisis guard reads every message with every locale's lexicon, trained or not.
  const lexicons = new Map(locales.map((locale) => [locale, models.get(locale)?.lexicon ?? lexiconOf(locale)]));
  const modelsFor = (locale: Locale): Trained => (locales.includes(locale) ? train(locale) : train(locales[0] as Locale));

  return {
    recognize(text, locale, questionId) {
      const own = modelsFor(locale);
      const cleaned = cleanText(typeof text === 'string' ? text : '');
      const understanding: Understanding = { text, locale };
      const others = [...lexicons.entries()].filter(([other]) => other !== own.pack.locale).map(([, lexicon]) => lexicon);
      const isOrdinary = (message: string) =>
        questionId !== undefined && own.ordinary.has(questionId) && own.ordinary.score(own.ordinary.read(analysedPrefix(message)), questionId) >= ORDINARY_NEAR;
      const crisis = detectCrisis(cleaned, { lexicon: own.lexicon, classifier: own.crisis }, others, isOrdinary);
      if (crisis !== undefined) understanding.crisis = crisis;
      const head = analysedPrefix(cleaned);
      const yesNo = own.yesNo.recognize(head);
      if (yesNo !== undefined) understanding.yesNo = yesNo;
      const command = own.commands.recognize(head);
      if (command !== undefined) understanding.command = command;
      if (!hasLetters(cleaned)) return understanding;
      understanding.category = own.category.classify(head);
      const faq = own.faq.recognize(head);
      if (faq !== undefined) understanding.faq = faq;
      return understanding;
    },
    matchChoice(text, choices, locale) {
      const own = modelsFor(locale);
      return matchChoice(text, choices, own.normalizer, own.yesNo);
    },
    guessChoice(text, choices, locale) {
      return modelsFor(locale).answers.guess(cleanText(text), choices);
    },
    readSince(text, locale, now) {
      return modelsFor(locale).since.read(cleanText(text), now);
    },
    readSafety(text, locale) {
      return modelsFor(locale).safety.read(cleanText(text));
    },
    async warmUp() {
      for (const locale of locales) {
        await new Promise((resolve) => setImmediate(resolve));
        train(locale);
      }
    }
  };
}

/** A locale's crisis lexicon alone: regular expressions, cheap to build, needed from the start. */
function lexiconOf(locale: Locale): CrisisLexicon {
  const load = PACK_LOADERS[locale];
  if (load === undefined) throw new Error(`NLU: no data for locale "${locale}" (have: ${NLU_LOCALES.join(', ')})`);
  return new CrisisLexicon(load().data.crisis, locale);
}
