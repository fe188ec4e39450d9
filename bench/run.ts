/**
 * `npm run bench`: speed and quality figures, one JSON line each, as
 * `{"name", "value", "unit", "target"?, "baseline"?, "ratio"?}`.
 *
 * - start-up: the time until the main language and every crisis lexicon are ready (`startup.ts`);
 * - per locale: time to train the models, and on the held-out evaluation set in
 *   `bench/nlu-eval/<locale>.jsonl` (never used for training): category accuracy, crisis recall
 *   and crisis false-positive rate;
 * - per locale, understanding and safety on `bench/nlu-eval/<locale>/` (see `nlu-quality.ts`);
 * - the time one turn takes through the real agent over HTTP on the embedded store, with the
 *   bare statechart's turn as the baseline, and through Direct Line against `/api/messages`.
 *
 * `--nlu-only` stops after the language figures; `--misses LOCALE` lists what a locale's sets get
 * wrong, for finding faults in the engine (tuning the data to them would make them worthless).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createNlu } from '../dialogs/nlu';
import { PACK_LOADERS } from '../dialogs/nlu/packs';
import { LOCALES, type Locale } from '../dialogs/types';
import { evaluateUnderstanding, listMisses } from './nlu-quality';
import { runDirectLineTurns } from './directline-turns';
import { runBookingTurns } from './turns';
import { loadAgency, toAgencyInfo } from '../bot/config/agency';
import { loadEnv } from '../bot/config/env';

interface Figure {
  name: string;
  value: number;
  unit: string;
  target?: string;
  baseline?: number;
  ratio?: number;
}

type EvalLine =
  | { text: string; locale: Locale; category: string }
  | { text: string; locale: Locale; crisis: boolean; crisisType: string | null };

const print = (figure: Figure) => console.log(JSON.stringify(figure));
const round = (value: number, digits = 3) => Number(value.toFixed(digits));

function evaluateLocale(locale: Locale): void {
  const file = join(__dirname, 'nlu-eval', `${locale}.jsonl`);
  if (!existsSync(file) || !PACK_LOADERS[locale]) {
    console.error(`skipped ${locale}: ${existsSync(file) ? 'no language pack' : 'no evaluation set'}`);
    return;
  }
  const lines = readFileSync(file, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line) as EvalLine);
  const started = performance.now();
  const nlu = createNlu([locale]);
  print({ name: `nlu.${locale}.train_time`, value: round(performance.now() - started, 1), unit: 'ms', target: '< 1000' });

  const categories = lines.filter((line): line is Extract<EvalLine, { category: string }> => 'category' in line);
  const correct = categories.filter((line) => nlu.recognize(line.text, locale).category?.category === line.category).length;
  print({ name: `nlu.${locale}.category_accuracy`, value: round(correct / categories.length), unit: `ratio of ${categories.length}`, target: '>= 0.90' });

  const crisis = lines.filter((line): line is Extract<EvalLine, { crisis: boolean }> => 'crisis' in line);
  const flagged = (text: string) => nlu.recognize(text, locale).crisis !== undefined;
  const real = crisis.filter((line) => line.crisis);
  const safe = crisis.filter((line) => !line.crisis);
  print({ name: `nlu.${locale}.crisis_recall`, value: round(real.filter((line) => flagged(line.text)).length / real.length), unit: `ratio of ${real.length}`, target: '= 1.0' });
  print({ name: `nlu.${locale}.crisis_false_positive_rate`, value: round(safe.filter((line) => flagged(line.text)).length / safe.length), unit: `ratio of ${safe.length}`, target: '<= 0.10' });

  const timing = performance.now();
  const rounds = 200;
  for (let index = 0; index < rounds; index += 1) nlu.recognize(lines[index % lines.length]!.text, locale);
  print({ name: `nlu.${locale}.recognize_time`, value: round(((performance.now() - timing) / rounds) * 1000, 0), unit: 'µs per message' });
}

async function main(): Promise<void> {
  const agency = toAgencyInfo(loadAgency(loadEnv({}).agencyConfig));
  const only = process.argv.includes('--nlu-only');
  const misses = process.argv.indexOf('--misses');
  if (misses >= 0) {
    // For finding faults in the engine, not for tuning the data to the held-out sets.
    for (const line of listMisses((process.argv[misses + 1] ?? 'en') as Locale, agency)) console.log(line);
    return;
  }
  // A fresh process, so start-up is measured before any model is trained and cached.
  process.stdout.write(execFileSync(process.execPath, [require.resolve('tsx/cli'), join(__dirname, 'startup.ts')], { encoding: 'utf8' }));
  for (const locale of LOCALES) {
    evaluateLocale(locale);
    for (const figure of evaluateUnderstanding(locale, agency)) print(figure);
  }
  if (only) return;
  const turns = await runBookingTurns();
  print({
    name: 'turn.http_median',
    value: round(turns.httpMedianMs, 2),
    unit: `ms per turn (median of ${turns.count}, embedded store)`,
    baseline: round(turns.machineMedianMs, 2),
    ratio: round(turns.httpMedianMs / turns.machineMedianMs, 1)
  });
  // Direct Line replies are handed back in process (no loopback HTTP); the baseline is the same
  // messages over /api/messages with expectReplies.
  const directLine = await runDirectLineTurns();
  print({
    name: 'turn.directline_median',
    value: round(directLine.directLineMedianMs, 2),
    unit: `ms per turn (median of ${directLine.count}, embedded store)`,
    baseline: round(directLine.messagesMedianMs, 2),
    ratio: round(directLine.directLineMedianMs / directLine.messagesMedianMs, 2)
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
