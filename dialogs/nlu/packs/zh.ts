import { Converter, Locale as Dictionaries, type DictGroup } from 'opencc-js';
import simplifiedFile from '../../../locales/zh-Hans.json';
import traditionalFile from '../../../locales/zh-Hant.json';
import { CATEGORIES, type Locale } from '../../types';
import type { LanguageTools, LocalePack } from '../language';
import { GLOBAL_COMMANDS, parseNluData, type CrisisData, type NluLocaleData } from '../locale-data';
import { memo, tokenized } from '../memo';

/**
 * Chinese, Simplified and Traditional. Both locales read text the same way: every text (training
 * data and messages alike) is first converted to Simplified characters, with Taiwan and Hong Kong
 * vocabulary mapped to the mainland word (網路 → 网络, 資訊 → 信息), and then cut into words by
 * ICU's dictionary segmenter. So a person may write either script in either locale. There is no
 * stemming: Chinese words do not inflect.
 */

type Convert = (text: string) => string;

let converters: { toSimplified: Convert; variantsOf: (char: string) => string[] } | undefined;

/** Pairs OpenCC leaves alone one character at a time (著急 → 着急 only as a phrase). */
const EXTRA_VARIANTS: Record<string, string> = { 着: '著', 著: '着' };

/**
 * Built on first use. Conversion to Simplified takes a few milliseconds to set up; the other way
 * (for the crisis patterns) is read straight from OpenCC's dictionaries, since building the
 * Simplified-to-Traditional converters would take about a third of a second.
 */
function scripts(): NonNullable<typeof converters> {
  if (converters !== undefined) return converters;
  const twPhrases = Converter({ from: 'twp', to: 'cn' });
  const hk = Converter({ from: 'hk', to: 'cn' });
  const toSimplified: Convert = (text) => hk(twPhrases(text));
  // Simplified character → its Traditional characters; standard Traditional → Taiwan and Hong Kong forms.
  const traditionalOf = singleCharacterPairs([Dictionaries.to.cn], (traditional, simplified) => [simplified, traditional]);
  const regionalOf = singleCharacterPairs([Dictionaries.from.tw, Dictionaries.from.hk], (regional, standard) => [standard, regional]);
  const variantsOf = (char: string): string[] => {
    const simplified = toSimplified(char);
    const all = new Set([char, simplified, ...(EXTRA_VARIANTS[char] ?? '')]);
    for (const base of [char, simplified]) {
      for (const traditional of traditionalOf.get(base) ?? []) {
        all.add(traditional);
        for (const regional of regionalOf.get(traditional) ?? []) all.add(regional);
      }
    }
    // Patterns are compiled without the `u` flag, so only single UTF-16 characters can go in a class.
    return [...all].filter((c) => c.length === 1);
  };
  converters = { toSimplified, variantsOf };
  return converters;
}

/** The one-character entries of OpenCC dictionaries ("發 发|髮 发|…"), keyed as `key` says. */
function singleCharacterPairs(groups: ReadonlyArray<readonly DictGroup[]>, key: (from: string, to: string) => [string, string]): Map<string, Set<string>> {
  const map = new Map<string, Set<string>>();
  const add = (from: string, to: string) => {
    if (from.length !== 1 || to.length !== 1) return;
    const [k, v] = key(from, to);
    map.set(k, (map.get(k) ?? new Set()).add(v));
  };
  for (const group of groups) {
    for (const dicts of group) {
      for (const dict of dicts) {
        if (typeof dict === 'string') {
          for (const pair of dict.split('|')) {
            const [from, to] = pair.split(' ');
            if (from !== undefined && to !== undefined) add(from, to);
          }
        } else {
          for (const [from, to] of dict) add(from, to);
        }
      }
    }
  }
  return map;
}

/** Simplified characters and mainland vocabulary, whatever script the text was written in. */
export function toSimplified(text: string): string {
  return scripts().toSimplified(text);
}

const HAN = /\p{Script=Han}/u;
const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });

// Segmenting is the costliest step of training; every model reads the same examples.
const segmentedWords = memo(segmentWords, 20_000);
const segmentedSpaced = memo(segmentSpaced, 20_000);

/** Word-like segments of a text, Simplified and lower-cased; punctuation and spaces dropped. */
const words = tokenized(segmentedWords);

function spaced(text: string): string {
  return segmentedSpaced(text);
}

function segmentWords(text: string): string[] {
  const out: string[] = [];
  for (const part of segmenter.segment(toSimplified(text.normalize('NFKC').toLowerCase()))) {
    if (!part.isWordLike) continue;
    out.push(part.segment);
  }
  return out;
}

/** Every segment including punctuation, separated by single spaces: "我想转人工。" → "我想 转 人工 。". */
function segmentSpaced(text: string): string {
  const out: string[] = [];
  for (const part of segmenter.segment(toSimplified(text.normalize('NFKC').toLowerCase()))) {
    if (part.segment.trim() !== '') out.push(part.segment);
  }
  return out.join(' ');
}

/**
 * A regular expression source that matches its Chinese characters in either script: 杀 becomes
 * [杀殺], and inside a class every character gets its variants. Escapes and ASCII are left alone.
 * Word boundaries (\b) mean nothing between Chinese characters, so the patterns never use them.
 */
export function eitherScript(source: string): string {
  const { variantsOf } = scripts();
  let out = '';
  let inClass = false;
  const chars = [...source];
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i];
    if (c === '\\') {
      out += c + (chars[i + 1] ?? '');
      i++;
    } else if (!HAN.test(c)) {
      if (c === '[' && !inClass) inClass = true;
      else if (c === ']' && inClass) inClass = false;
      out += c;
    } else {
      const variants = variantsOf(c);
      out += inClass || variants.length === 1 ? variants.join('') : `[${variants.join('')}]`;
    }
  }
  return out;
}

function crisisInEitherScript(data: CrisisData): CrisisData {
  const each = (list: string[]) => list.map(eitherScript);
  return {
    ...data,
    terms: Object.fromEntries(Object.entries(data.terms).map(([name, source]) => [name, eitherScript(source)])),
    patterns: {
      self_harm: each(data.patterns.self_harm),
      violence: each(data.patterns.violence),
      child_at_risk: each(data.patterns.child_at_risk),
      medical: each(data.patterns.medical)
    },
    figurative: each(data.figurative),
    negations: each(data.negations)
  };
}

// Function words that say nothing about a service category, in Simplified (text is converted
// first). The crisis and FAQ models read every word, these included.
const STOPWORDS = new Set(
  (
    '的 地 得 了 着 过 是 我 你 您 他 她 它 我们 你们 他们 她们 咱们 我的 你的 他的 她的 自己 在 有 和 跟 与 及 或 或者 ' +
    '就 都 也 还 又 再 才 很 太 真 真的 非常 特别 比较 挺 好 吗 呢 吧 啊 呀 啦 嘛 哦 喔 嗯 哎 唉 呃 这 那 这个 那个 这些 那些 ' +
    '这样 那样 一个 一些 一下 个 些 点 一点 要 想 我想 想要 需要 会 能 能够 可以 可能 应该 得 请 请问 谢谢 麻烦 把 被 给 让 对 ' +
    '从 到 去 来 已经 现在 今天 最近 一直 总是 经常 就是 但是 可是 不过 所以 因为 如果 然后 而且 什么 怎么 怎样 为什么 ' +
    '哪里 哪儿 不 没 没有 不是 也不 知道 不知道 怎么办 该 好像 了解 觉得 感觉 说 问 帮 帮我 帮忙 帮助 一 二 三'
  ).split(' ')
);

/** Chinese language tools; shared by both scripts. */
export const chineseTools: LanguageTools = {
  tokenize: words,
  stem: (word) => word,
  stopwords: STOPWORDS,
  // Typo correction by edit distance suits alphabets: one changed character is a different word here.
  minCorrectable: Number.MAX_SAFE_INTEGER,
  phraseForm: spaced
};

/**
 * One locale's data, trained together with the other script's: both are read in Simplified, so
 * mainland phrasing in the Traditional locale (and Taiwan or Hong Kong phrasing in the Simplified
 * one) is understood too. FAQ answers stay the locale's own; only their examples are pooled.
 */
function load(locale: Locale, file: unknown, otherLocale: Locale, otherFile: unknown): LocalePack {
  const own = parseNluData(file, locale);
  const other = parseNluData(otherFile, otherLocale);
  const both = (a: string[], b: string[]) => [...new Set([...a, ...b])];
  const data: NluLocaleData = {
    faq: Object.fromEntries(
      Object.entries(own.faq).map(([id, entry]) => [id, { answer: entry.answer, examples: both(entry.examples, other.faq[id]?.examples ?? []) }])
    ),
    categories: Object.fromEntries(CATEGORIES.map((c) => [c, both(own.categories[c], other.categories[c])])) as NluLocaleData['categories'],
    // The locale's own lists first: their first entries open longer answers (see yes-no.ts).
    yes: both(own.yes, other.yes),
    no: both(own.no, other.no),
    unsure: both(own.unsure, other.unsure),
    fillers: both(own.fillers, other.fillers),
    commands: Object.fromEntries(GLOBAL_COMMANDS.map((c) => [c, both(own.commands[c], other.commands[c])])) as NluLocaleData['commands'],
    crisis: crisisInEitherScript({
      ...own.crisis,
      examples: {
        crisis: [...own.crisis.examples.crisis, ...other.crisis.examples.crisis],
        safe: both(own.crisis.examples.safe, other.crisis.examples.safe)
      }
    }),
    answers: mergeLists(own.answers, other.answers),
    ordinary: mergeLists(own.ordinary, other.ordinary),
    time: {
      units: mergeLists(own.time.units, other.time.units) as NluLocaleData['time']['units'],
      numbers: { ...other.time.numbers, ...own.time.numbers },
      months: own.time.months.length > 0 ? own.time.months.map((names, i) => both(names, other.time.months[i] ?? [])) : other.time.months,
      weekdays: own.time.weekdays.length > 0 ? own.time.weekdays.map((names, i) => both(names, other.time.weekdays[i] ?? [])) : other.time.weekdays,
      phrases: mergeLists(own.time.phrases, other.time.phrases) as NluLocaleData['time']['phrases']
    },
    safety: { safe: both(own.safety.safe, other.safety.safe), hedges: both(own.safety.hedges, other.safety.hedges) },
    // Both scripts' titles, so a title typed in the other script is still an example of its button.
    titles: own.titles
  };
  data.answers = mergeLists(data.answers, Object.fromEntries(Object.entries(other.titles).map(([value, title]) => [value, [title]])));
  return { locale, data, tools: chineseTools };
}

function mergeLists(a: Record<string, string[]>, b: Record<string, string[]>): Record<string, string[]> {
  const out: Record<string, string[]> = { ...a };
  for (const [key, list] of Object.entries(b)) out[key] = [...new Set([...(out[key] ?? []), ...list])];
  return out;
}

/** The Chinese (Simplified) NLU pack. */
export function loadChineseSimplified(): LocalePack {
  return load('zh-Hans', simplifiedFile, 'zh-Hant', traditionalFile);
}

/** The Chinese (Traditional) NLU pack. */
export function loadChineseTraditional(): LocalePack {
  return load('zh-Hant', traditionalFile, 'zh-Hans', simplifiedFile);
}
