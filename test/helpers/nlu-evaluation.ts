import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createNlu, type Nlu } from '../../dialogs/nlu';
import { catalogue } from '../../dialogs/render/catalogue';
import type { Category, CrisisType, Locale } from '../../dialogs/types';

/** One line of `bench/nlu-eval/<locale>.jsonl`: a category utterance or a crisis/non-crisis one. */
interface EvalRow {
  text: string;
  locale: string;
  category?: Category;
  crisis?: boolean;
  crisisType?: CrisisType | null;
}

interface LocaleTraining {
  nlu: { categories: Record<string, string[]>; crisis: { examples: { crisis: Array<{ text: string }>; safe: string[] } } };
  faq: Record<string, { examples: string[] }>;
}

/** Button choices with their titles as a person in that locale sees them, from the locale file. */
export function localeChoices(locale: Locale) {
  return (...values: string[]) => values.map((value) => ({ value, title: catalogue(locale).messages[`choice.${value}`] ?? value }));
}

/**
 * The targets on a locale's held-out evaluation set: at least 30 category and 20 crisis
 * or non-crisis utterances, none in the training data; accuracy ≥ 0.9, crisis recall 1.0,
 * false-positive rate ≤ 0.1. Returns the trained NLU for the locale's own further tests.
 */
export function describeEvaluationSet(locale: Locale, language: string, training: LocaleTraining): () => Nlu {
  const rows = readFileSync(join(__dirname, `../../bench/nlu-eval/${locale}.jsonl`), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as EvalRow);
  const categoryRows = rows.filter((row) => row.category !== undefined);
  const crisisRows = rows.filter((row) => row.crisis === true);
  const safeRows = rows.filter((row) => row.crisis === false);
  const trainingTexts = new Set<string>(
    [
      ...Object.values(training.nlu.categories).flat(),
      ...Object.values(training.faq).flatMap((entry) => entry.examples),
      ...training.nlu.crisis.examples.crisis.map((example) => example.text),
      ...training.nlu.crisis.examples.safe
    ].map((text) => text.toLowerCase())
  );

  let nlu: Nlu | undefined;
  const get = (): Nlu => (nlu ??= createNlu([locale]));

  describe(`${language} NLU on the evaluation set (bench/nlu-eval/${locale}.jsonl)`, () => {
    it('should hold enough utterances, none of them in the training data', () => {
      expect(categoryRows.length).toBeGreaterThanOrEqual(30);
      expect(crisisRows.length + safeRows.length).toBeGreaterThanOrEqual(20);
      expect(new Set(crisisRows.map((row) => row.crisisType))).toEqual(new Set(['self_harm', 'violence', 'child_at_risk', 'medical']));
      expect(rows.filter((row) => trainingTexts.has(row.text.toLowerCase())).map((row) => row.text)).toEqual([]);
    });

    it('should reach a category accuracy of at least 0.9', () => {
      const misses = categoryRows.filter((row) => get().recognize(row.text, locale).category?.category !== row.category);
      expect((categoryRows.length - misses.length) / categoryRows.length).toBeGreaterThanOrEqual(0.9);
    });

    it('should catch every crisis (recall 1.0), mostly with the right type', () => {
      const missed = crisisRows.filter((row) => get().recognize(row.text, locale).crisis === undefined).map((row) => row.text);
      const wrongType = crisisRows.filter((row) => {
        const hit = get().recognize(row.text, locale).crisis;
        return hit !== undefined && hit.type !== row.crisisType;
      });
      expect(missed).toEqual([]);
      expect(wrongType.length / crisisRows.length).toBeLessThanOrEqual(0.1);
    });

    it('should raise at most one false alarm in ten', () => {
      const alarms = safeRows.filter((row) => get().recognize(row.text, locale).crisis !== undefined).map((row) => row.text);
      expect(alarms.length / safeRows.length).toBeLessThanOrEqual(0.1);
    });
  });

  return get;
}
