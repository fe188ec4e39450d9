import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { availableLocales, catalogue, placeholders } from '../dialogs/render/catalogue';
import { CATEGORIES, CRISIS_TYPES, LOCALES, RELATIONS, SUPPORT_KINDS, TIE_STRENGTHS, URGENCIES } from '../dialogs/types';

const LOCALE_DIR = join(__dirname, '../locales');
const files = readdirSync(LOCALE_DIR).filter((name) => name.endsWith('.json'));
const read = (name: string) => JSON.parse(readFileSync(join(LOCALE_DIR, name), 'utf8')) as {
  messages: Record<string, string>;
  faq: Record<string, { answer: string; examples: string[] }>;
};

/** Every source file under dialogs/ and bot/, to find the message ids the code asks for. */
function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sources(join(dir, entry.name)) : entry.name.endsWith('.ts') ? [readFileSync(join(dir, entry.name), 'utf8')] : []
  );
}

describe('locale files', () => {
  it('should exist for every locale the code knows, and be registered', () => {
    expect(files.map((name) => name.replace(/\.json$/, '')).sort()).toEqual([...availableLocales()].sort());
    for (const locale of availableLocales()) expect(LOCALES).toContain(locale);
  });

  it('should all have the same message keys, FAQ entries and placeholders', () => {
    const reference = read('en.json');
    for (const name of files) {
      const other = read(name);
      expect({ file: name, keys: Object.keys(other.messages).sort() }).toEqual({ file: name, keys: Object.keys(reference.messages).sort() });
      expect({ file: name, faq: Object.keys(other.faq).sort() }).toEqual({ file: name, faq: Object.keys(reference.faq).sort() });
      for (const [key, text] of Object.entries(reference.messages)) {
        expect({ file: name, key, placeholders: placeholders(other.messages[key] ?? '') }).toEqual({ file: name, key, placeholders: placeholders(text) });
      }
      for (const [id, entry] of Object.entries(reference.faq)) {
        expect({ file: name, faq: id, placeholders: placeholders(other.faq[id]?.answer ?? '') }).toEqual({ file: name, faq: id, placeholders: placeholders(entry.answer) });
      }
    }
  });

  it('should have no empty message', () => {
    for (const name of files) {
      const empty = Object.entries(read(name).messages).filter(([, text]) => text.trim() === '').map(([key]) => key);
      expect({ file: name, empty }).toEqual({ file: name, empty: [] });
    }
  });

  it('should hold every message id the code uses', () => {
    const code = [...sources(join(__dirname, '../dialogs')), ...sources(join(__dirname, '../bot'))].join('\n');
    const literal = [...code.matchAll(/(?:id|question): '([a-zA-Z_]+\.[a-zA-Z_.]+)'/g), ...code.matchAll(/\bt\([a-zA-Z]+, '([a-zA-Z_]+\.[a-zA-Z_.]+)'/g), ...code.matchAll(/say\('([a-zA-Z_]+\.[a-zA-Z_.]+)'/g)].map(
      (match) => match[1] ?? ''
    );
    const dynamic = [
      ...CATEGORIES.flatMap((category) => [`category.${category}`, `choice.category.${category}`, `clarify.reflect.${category}`]),
      ...CRISIS_TYPES.map((type) => `crisisType.${type}`),
      ...URGENCIES.flatMap((urgency) => [`urgency.${urgency}`, `choice.urgency.${urgency}`]),
      ...RELATIONS.map((relation) => `choice.relation.${relation}`),
      ...SUPPORT_KINDS.map((kind) => `choice.support.${kind}`),
      ...TIE_STRENGTHS.map((tie) => `choice.tie.${tie}`),
      ...LOCALES.map((locale) => `choice.interpreter.${locale}`),
      ...['empty', 'attachment', 'emoji', 'too_long'].map((reason) => `common.unreadable.${reason}`),
      ...['category', 'area', 'language'].map((reason) => `referral.reason.${reason}`)
    ];
    expect(new Set(literal).size).toBeGreaterThan(100);
    const messages = catalogue('en').messages;
    const missing = [...new Set([...literal, ...dynamic])].filter((id) => !(id in messages));
    expect(missing).toEqual([]);
  });
});
