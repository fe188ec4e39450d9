/**
 * `npm run --silent nlu -- --input FILE`: reads JSON lines `{"text","locale"}` and writes one JSON
 * line per input, `{"text","locale","category","confidence","crisis","crisisType"}`; an optional
 * `"question"` (a question id) lets the crisis guard know what is ordinary there. A bad line
 * gets a line with an "error" field and the run goes on. Exit code 2 when --input is missing.
 */
import { createReadStream } from 'node:fs';
import { access } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import type { Writable } from 'node:stream';
import { createNlu, NLU_LOCALES, type Nlu } from '../../dialogs/nlu';
import { LOCALES, type Locale } from '../../dialogs/types';

const USAGE = 'usage: npm run --silent nlu -- --input FILE   (FILE: JSON lines {"text": "...", "locale": "en"})';

/** One output line for one input line. */
export function analyseLine(nlu: Nlu, line: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch {
    return { error: 'not valid JSON', line: line.slice(0, 200) };
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return { error: 'expected a JSON object', line: line.slice(0, 200) };
  const { text, locale, question } = parsed as { text?: unknown; locale?: unknown; question?: unknown };
  if (typeof text !== 'string') return { error: '"text" must be a string', locale: locale ?? null };
  if (typeof locale !== 'string' || !(LOCALES as readonly string[]).includes(locale)) {
    return { error: `"locale" must be one of ${LOCALES.join(', ')}`, text, locale: locale ?? null };
  }
  if (!(NLU_LOCALES as string[]).includes(locale)) return { error: `no NLU data for locale "${locale}" yet`, text, locale };
  const u = nlu.recognize(text, locale as Locale, typeof question === 'string' ? question : undefined);
  return {
    text,
    locale,
    category: u.category?.category ?? null,
    confidence: u.category?.confidence ?? 0,
    crisis: u.crisis !== undefined,
    crisisType: u.crisis?.type ?? null
  };
}

/** Runs the command; returns the exit code. Streams are parameters so tests can call it directly. */
export async function main(argv: string[], out: Writable, err: Writable): Promise<number> {
  const at = argv.indexOf('--input');
  const file = at >= 0 ? argv[at + 1] : undefined;
  if (file === undefined || file.startsWith('--')) {
    err.write(`${USAGE}\n`);
    return 2;
  }
  try {
    await access(file);
  } catch {
    err.write(`cannot read ${file}\n${USAGE}\n`);
    return 1;
  }
  const nlu = createNlu();
  const lines = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity });
  for await (const line of lines) {
    if (line.trim() === '') continue;
    out.write(`${JSON.stringify(analyseLine(nlu, line))}\n`);
  }
  return 0;
}

if (require.main === module) {
  main(process.argv.slice(2), process.stdout, process.stderr).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 1;
    }
  );
}
