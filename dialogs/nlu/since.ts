import type { TimeData } from './locale-data';
import { simplify as simplified } from './normalize';

/** The since-when buttons: under two weeks, under two months, under a year, a year or more. */
export type SinceBucket = 'days' | 'weeks' | 'months' | 'years';

const DAYS_PER: Record<'day' | 'week' | 'month' | 'year', number> = { day: 1, week: 7, month: 30.4, year: 365 };
const HAN = /\p{Script=Han}/u;
const BUCKETS: SinceBucket[] = ['years', 'months', 'weeks', 'days'];

/** The bucket for a span of days. */
export function bucketOf(days: number): SinceBucket {
  if (days < 14) return 'days';
  if (days < 61) return 'weeks';
  if (days < 365) return 'months';
  return 'years';
}

/**
 * Reads how long something has been going on from a short answer: "3 days ago", "two weeks",
 * "since March", "since 2019", "since Thursday", "去年", or a phrase the locale lists ("for
 * ages"). `now` is the time of the message, so "since March" is months in November and weeks in
 * April. Undefined when the text says no time.
 */
export class SinceReader {
  private readonly units: Array<[string, number]>;
  private readonly numbers: Map<string, number>;
  private readonly months: Array<[string, number]>;
  private readonly weekdays: Array<[string, number]>;
  private readonly phrases: Array<[string, SinceBucket]>;

  /** @param form the locale's rewrite of text before comparing (Chinese: both scripts as Simplified). */
  constructor(
    data: TimeData,
    private readonly form: (text: string) => string = (text) => text
  ) {
    const simplify = (text: string) => simplified(form(text));
    const longestFirst = <T>(list: Array<[string, T]>) => list.filter(([word]) => word !== '').sort((a, b) => b[0].length - a[0].length);
    this.units = longestFirst(Object.entries(data.units).flatMap(([unit, words]) => words.map((w): [string, number] => [simplify(w), DAYS_PER[unit as keyof typeof DAYS_PER]])));
    this.numbers = new Map(Object.entries(data.numbers).map(([word, n]) => [simplify(word), n]));
    this.months = longestFirst(data.months.flatMap((names, index) => names.map((n): [string, number] => [simplify(n), index])));
    this.weekdays = longestFirst(data.weekdays.flatMap((names, index) => names.map((n): [string, number] => [simplify(n), index])));
    this.phrases = longestFirst(BUCKETS.flatMap((bucket) => data.phrases[bucket].map((p): [string, SinceBucket] => [simplify(p), bucket])));
  }

  read(text: string, now: Date): SinceBucket | undefined {
    const simple = simplified(this.form(text));
    if (simple === '') return undefined;
    const han = HAN.test(simple);
    const words = han ? [] : simple.split(' ');
    const has = (phrase: string) => (han ? simple.replace(/ /g, '').includes(phrase.replace(/ /g, '')) : ` ${simple} `.includes(` ${phrase} `));

    const year = /(?:^|\D)(19[5-9]\d|20\d\d)(?:\D|$)/.exec(simple);
    if (year) return bucketOf(daysSince(new Date(Date.UTC(Number(year[1]), 0, 1)), now));
    // The locale's own phrases first: "this week" is days, though it names a week.
    for (const [phrase, bucket] of this.phrases) if (has(phrase)) return bucket;
    const span = han ? this.hanSpan(simple.replace(/ /g, '')) : this.wordSpan(words);
    if (span !== undefined) return bucketOf(span);
    const month = this.months.find(([name]) => has(name));
    if (month) return bucketOf(daysSinceMonth(month[1], now));
    const weekday = this.weekdays.find(([name]) => has(name));
    if (weekday) return 'days';
    return undefined;
  }

  /** A number (digits or a word) next to a unit: "3 weeks", "two months", "a year", "weeks". */
  private wordSpan(words: string[]): number | undefined {
    for (let i = 0; i < words.length; i++) {
      const unit = this.unitAt(words, i);
      if (unit === undefined) continue;
      const before = [words[i - 1], words[i - 2]].map((w) => (w === undefined ? undefined : this.numberOf(w))).find((n) => n !== undefined);
      // "weeks" alone means a few of them.
      return unit * (before ?? 2);
    }
    return undefined;
  }

  private unitAt(words: string[], i: number): number | undefined {
    for (const [unit, days] of this.units) {
      const parts = unit.split(' ');
      if (parts.every((part, k) => words[i + k] === part)) return days;
    }
    return undefined;
  }

  private numberOf(word: string): number | undefined {
    if (/^\d{1,3}$/.test(word)) return Number(word);
    return this.numbers.get(word);
  }

  /** Chinese: "三个月", "2周", "半年", "几天" — a number just before a unit. */
  private hanSpan(text: string): number | undefined {
    for (const [unit, days] of this.units) {
      const at = text.indexOf(unit.replace(/ /g, ''));
      if (at < 0) continue;
      const before = text.slice(Math.max(0, at - 3), at);
      const digits = /(\d{1,3})$/.exec(before);
      if (digits) return days * Number(digits[1]);
      for (let length = Math.min(2, before.length); length >= 1; length--) {
        const n = this.numbers.get(before.slice(-length));
        if (n !== undefined) return days * n;
      }
      return days * 2;
    }
    return undefined;
  }
}

function daysSince(then: Date, now: Date): number {
  return Math.max(0, (now.getTime() - then.getTime()) / 86_400_000);
}

/** Days since the start of the most recent such month, this year or last. */
function daysSinceMonth(month: number, now: Date): number {
  const year = month <= now.getUTCMonth() ? now.getUTCFullYear() : now.getUTCFullYear() - 1;
  // The middle of the month: "since March" in late November is about eight months.
  return daysSince(new Date(Date.UTC(year, month, 15)), now);
}
