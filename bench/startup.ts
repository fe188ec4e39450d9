/**
 * Start-up cost of the language models, in a fresh process so no trained model is cached yet:
 * the default locale with every crisis lexicon (what the server waits for), then all locales.
 */
import { performance } from 'node:perf_hooks';
import { createNlu } from '../dialogs/nlu';
import { PACK_LOADERS } from '../dialogs/nlu/packs';
import { LOCALES } from '../dialogs/types';

async function main(): Promise<void> {
  const locales = LOCALES.filter((locale) => PACK_LOADERS[locale]);
  const started = performance.now();
  const nlu = createNlu(locales, { eager: ['en'] });
  const ready = performance.now() - started;
  console.log(JSON.stringify({ name: 'nlu.ready_time', value: Number(ready.toFixed(1)), unit: `ms (English models and ${locales.length} crisis lexicons)`, target: '< 1000' }));
  await nlu.warmUp();
  console.log(JSON.stringify({ name: 'nlu.all_locales_time', value: Number((performance.now() - started).toFixed(1)), unit: `ms (all ${locales.length} locales trained; the server does this in the background)` }));
}

void main();
