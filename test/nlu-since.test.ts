import { SinceReader, bucketOf } from '../dialogs/nlu/since';
import type { TimeData } from '../dialogs/nlu/locale-data';

const english: TimeData = {
  units: { day: ['day', 'days'], week: ['week', 'weeks'], month: ['month', 'months'], year: ['year', 'years'] },
  numbers: { a: 1, one: 1, two: 2, three: 3, couple: 2, few: 3, half: 0.5 },
  months: ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'].map((m) => [m, m.slice(0, 3)]),
  weekdays: ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'].map((d) => [d]),
  phrases: { days: ['yesterday', 'this week'], weeks: ['last week'], months: ['since the summer'], years: ['last year', 'for ages'] }
};
const chinese: TimeData = {
  units: { day: ['天'], week: ['周', '星期'], month: ['个月'], year: ['年'] },
  numbers: { 一: 1, 两: 2, 三: 3, 几: 3, 半: 0.5 },
  months: Array.from({ length: 12 }, (_, i) => [`${i + 1}月`]),
  weekdays: Array.from({ length: 7 }, (_, i) => [`周${'一二三四五六日'[i]}`]),
  phrases: { days: ['昨天'], weeks: ['上个月'], months: [], years: ['去年'] }
};
const november = new Date('2026-11-29T12:00:00Z');

describe('reading since when', () => {
  const en = new SinceReader(english);
  it.each([
    ['3 days ago', 'days'],
    ['since thursday', 'days'],
    ['yesterday', 'days'],
    ['about two weeks', 'weeks'],
    ['a couple of weeks now', 'weeks'],
    ['since march', 'months'],
    ['6 months', 'months'],
    ['since the summer', 'months'],
    ['since 2019', 'years'],
    ['last year', 'years'],
    ['for ages', 'years']
  ])('should read %j as %s', (text, bucket) => {
    expect(en.read(text, november)).toBe(bucket);
  });

  it('should read a month relative to the date of the message', () => {
    expect(en.read('since march', new Date('2026-04-10T12:00:00Z'))).toBe('weeks');
    expect(en.read('since december', november)).toBe('months');
  });

  it('should say nothing when no time is named', () => {
    expect(en.read('it started when I lost my job', november)).toBeUndefined();
  });

  it('should read Chinese numbers and units without spaces, and not take a month name for months', () => {
    const zh = new SinceReader(chinese);
    expect(zh.read('三个月了', november)).toBe('months');
    expect(zh.read('两周前开始的', november)).toBe('weeks');
    expect(zh.read('从3月开始', november)).toBe('months');
    expect(zh.read('去年', november)).toBe('years');
    expect(zh.read('2024年', november)).toBe('years');
  });

  it('should put spans into the four buckets at two weeks, two months and a year', () => {
    expect([13, 14, 60, 61, 364, 365].map(bucketOf)).toEqual(['days', 'weeks', 'weeks', 'months', 'months', 'years']);
  });
});
