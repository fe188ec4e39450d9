import type { LanguageTools } from './language';
import type { NluLocaleData } from './locale-data';
import type { Choice } from './match-choice';
import { memo } from './memo';
import { hanNegations, type PhraseNormalizer } from './phrases';

/** What a typed answer most likely means among the buttons offered. */
export interface AnswerGuess {
  value: string;
  /** Cosine similarity to the nearest example of that button, 0..1. */
  score: number;
  /** How far ahead of the best other button it is. */
  margin: number;
}

export type Vector = Map<string, number>;

/** Words that turn an answer round ("not urgent", "ikke akutt", "nicht dringend"); Chinese in `phrases.ts`. */
export const NEGATIONS = new Set(['not', 'no', 'dont', 'never', 'isnt', 'aint', 'nothing', 'ikke', 'ikkje', 'itte', 'ikkj', 'aldri', 'nicht', 'nich', 'net', 'kein', 'keine', 'keinen', 'nie', 'nix']);
/** How much a match counts when only one side is negated. */
const NEGATION_MISMATCH = 0.6;
const NEGATED = '\u0000negated';

const HAN = /\p{Script=Han}/u;
/** Longest text compared with the examples; a longer one is a story, not a button. */
const MAX_ANSWER_CHARS = 160;
/** Most words read from one example or answer. */
const MAX_WORDS = 40;

/**
 * Labelled example texts, compared with a typed text on stems, neighbouring stem pairs (so "not
 * urgent" differs from "urgent") and character n-grams (so typos and Chinese without word
 * boundaries still meet), each weighted by how rare it is among all examples.
 */
export class ExampleIndex {
  private readonly idf = new Map<string, number>();
  private readonly byLabel = new Map<string, Vector[]>();
  // Button titles compared as extra examples; the same few titles on every message.
  private readonly extraVector = memo((text: string): Vector => this.vector(this.features(text)));
  private readonly defaultIdf: number;

  constructor(
    private readonly tools: LanguageTools,
    private readonly normalizer: PhraseNormalizer,
    examples: Map<string, string[]>
  ) {
    const raw = new Map<string, string[][]>();
    const documentFrequency = new Map<string, number>();
    let documents = 0;
    for (const [label, texts] of examples) {
      const featureLists = texts.map((text) => this.features(text));
      raw.set(label, featureLists);
      for (const features of featureLists) {
        documents += 1;
        for (const feature of new Set(features)) documentFrequency.set(feature, (documentFrequency.get(feature) ?? 0) + 1);
      }
    }
    for (const [feature, count] of documentFrequency) this.idf.set(feature, Math.log(1 + documents / count));
    this.defaultIdf = Math.log(1 + Math.max(1, documents));
    for (const [label, lists] of raw) this.byLabel.set(label, lists.map((features) => this.vector(features)));
  }

  has(label: string): boolean {
    return this.byLabel.has(label);
  }

  /** The text as compared: an empty vector when nothing in it can be compared. */
  read(text: string): Vector {
    return this.vector(this.features(text));
  }

  /**
   * Similarity (0..1) of a read text to the nearest example of a label, or to an extra text; a
   * match where only one side is negated counts for less.
   */
  score(typed: Vector, label: string, extraText?: string): number {
    const similarity = (example: Vector) => cosine(typed, example) * (typed.has(NEGATED) === example.has(NEGATED) ? 1 : NEGATION_MISMATCH);
    let best = extraText === undefined ? 0 : similarity(this.extraVector(extraText));
    for (const example of this.byLabel.get(label) ?? []) best = Math.max(best, similarity(example));
    return best;
  }

  /**
   * Stems, neighbouring stem pairs, and character n-grams of the simplified text. Filler words
   * stay: in an answer "for me" and "for my mum" differ by exactly those.
   */
  private features(text: string): string[] {
    const core = this.normalizer.simple(text);
    // Typos are met by the character n-grams, so words are taken as typed.
    const words = this.tools.tokenize(core).slice(0, MAX_WORDS);
    const stems = words.map((word) => this.tools.stem(word));
    const out = stems.map((stem) => `w:${stem}`);
    for (let i = 1; i < stems.length; i++) out.push(`b:${stems[i - 1]}_${stems[i]}`);
    const han = HAN.test(core);
    const letters = words.join(han ? '' : ' ');
    const size = han ? 2 : 3;
    const padded = han ? letters : ` ${letters} `;
    for (let i = 0; i + size <= padded.length; i++) out.push(`c:${padded.slice(i, i + size)}`);
    if (han) for (const char of letters) out.push(`c:${char}`);
    if (han ? hanNegations(letters) !== '' : words.some((word) => NEGATIONS.has(word))) out.push(NEGATED);
    return out;
  }

  private vector(features: string[]): Vector {
    const vector: Vector = new Map();
    for (const feature of features) {
      if (feature === NEGATED) continue;
      // Character n-grams are many and weak; words and word pairs carry the meaning.
      const kind = feature.startsWith('c:') ? 0.5 : 1;
      vector.set(feature, Math.max(vector.get(feature) ?? 0, kind * (this.idf.get(feature) ?? this.defaultIdf)));
    }
    let norm = 0;
    for (const weight of vector.values()) norm += weight * weight;
    norm = Math.sqrt(norm);
    if (norm > 0) for (const [feature, weight] of vector) vector.set(feature, weight / norm);
    // A marker, not a feature: it is set after normalising and never meets one in the cosine.
    if (features.includes(NEGATED)) vector.set(NEGATED, 0);
    return vector;
  }
}

/**
 * A per-locale recogniser for typed answers to button questions: each button is known by its
 * title and by the ways people type it (`nlu.answers` in the locale file), and a typed answer is
 * compared with the examples of the buttons on screen only.
 */
export class AnswerModel {
  private readonly index: ExampleIndex;

  constructor(tools: LanguageTools, normalizer: PhraseNormalizer, data: NluLocaleData) {
    const examples = new Map<string, string[]>();
    for (const [key, title] of Object.entries(data.titles)) examples.set(valueOfTitleKey(key), [title]);
    for (const [value, list] of Object.entries(data.answers)) examples.set(value, [...(examples.get(value) ?? []), ...list]);
    this.index = new ExampleIndex(tools, normalizer, examples);
  }

  /** The offered button the text most likely stands for; undefined when none is near at all. */
  guess(text: string, choices: Choice[]): AnswerGuess | undefined {
    if (text.length > MAX_ANSWER_CHARS || choices.length === 0) return undefined;
    const typed = this.index.read(text);
    if (typed.size === 0) return undefined;
    const scored = choices.map((choice) => ({ value: choice.value, score: this.index.score(typed, choice.value, choice.title) })).sort((a, b) => b.score - a.score);
    const [best, second] = scored;
    if (best === undefined || best.score <= 0) return undefined;
    return { value: best.value, score: best.score, margin: best.score - (second?.score ?? 0) };
  }
}

/** `category.housing` (the message key's tail) → `category:housing` (the button value). */
function valueOfTitleKey(key: string): string {
  return key.replace(/^(category|faq)\./, '$1:');
}

function cosine(a: Vector, b: Vector): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let sum = 0;
  for (const [feature, weight] of small) {
    const other = large.get(feature);
    if (other !== undefined) sum += weight * other;
  }
  return sum;
}
