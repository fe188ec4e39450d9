import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createNlu, type Nlu } from '../dialogs/nlu';
import { eitherScript, toSimplified } from '../dialogs/nlu/packs/zh';
import { catalogue } from '../dialogs/render/catalogue';
import { CATEGORIES, CRISIS_TYPES, type Category, type CrisisType, type Locale } from '../dialogs/types';
import simplifiedFile from '../locales/zh-Hans.json';
import traditionalFile from '../locales/zh-Hant.json';

/** One line of bench/nlu-eval/<locale>.jsonl: a category utterance or a crisis/non-crisis one. */
interface EvalLine {
  text: string;
  locale: Locale;
  category?: Category;
  crisis?: boolean;
  crisisType?: CrisisType | null;
}

const LOCALES = ['zh-Hans', 'zh-Hant'] as const;
const HAN = /\p{Script=Han}/u;

function evalSet(locale: Locale): EvalLine[] {
  return readFileSync(join(__dirname, `../bench/nlu-eval/${locale}.jsonl`), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as EvalLine);
}

/** Every training text of both Chinese files, in the one script the NLU reads them in. */
const trainingTexts = new Set(
  [simplifiedFile, traditionalFile].flatMap((file) =>
    [
      ...Object.values(file.nlu.categories).flat(),
      ...Object.values(file.faq).flatMap((f) => f.examples),
      ...file.nlu.crisis.examples.crisis.map((e) => e.text),
      ...file.nlu.crisis.examples.safe
    ].map(normal)
  )
);

/** Has characters that change when converted to Simplified. */
function isTraditional(text: string): boolean {
  return toSimplified(text) !== text;
}

/** Unchanged by conversion to Simplified, yet has characters written differently in Traditional. */
function isSimplified(text: string): boolean {
  return !isTraditional(text) && [...text].some((c) => HAN.test(c) && eitherScript(c) !== c);
}

function normal(text: string): string {
  return toSimplified(text).replace(/[\s，。！？、,.!?]/g, '');
}

interface Scores {
  accuracy: number;
  recall: number;
  falsePositiveRate: number;
  misses: string[];
  missedCrises: string[];
  wrongTypes: string[];
  falseAlarms: string[];
}

function score(nlu: Nlu, locale: Locale): Scores {
  const lines = evalSet(locale);
  const categoryLines = lines.filter((l) => l.category !== undefined);
  const crises = lines.filter((l) => l.crisis === true);
  const safe = lines.filter((l) => l.crisis === false);
  const misses = categoryLines
    .filter((l) => nlu.recognize(l.text, locale).category?.category !== l.category)
    .map((l) => `${l.text} (${l.category} → ${nlu.recognize(l.text, locale).category?.category})`);
  const missedCrises = crises.filter((l) => nlu.recognize(l.text, locale).crisis === undefined).map((l) => l.text);
  const wrongTypes = crises
    .filter((l) => {
      const found = nlu.recognize(l.text, locale).crisis;
      return found !== undefined && found.type !== l.crisisType;
    })
    .map((l) => `${l.text} (${l.crisisType} → ${nlu.recognize(l.text, locale).crisis?.type})`);
  const falseAlarms = safe.filter((l) => nlu.recognize(l.text, locale).crisis !== undefined).map((l) => l.text);
  return {
    accuracy: (categoryLines.length - misses.length) / categoryLines.length,
    recall: (crises.length - missedCrises.length) / crises.length,
    falsePositiveRate: falseAlarms.length / safe.length,
    misses,
    missedCrises,
    wrongTypes,
    falseAlarms
  };
}

describe.each(LOCALES)('Chinese NLU (%s)', (locale) => {
  const other: Locale = locale === 'zh-Hans' ? 'zh-Hant' : 'zh-Hans';
  let nlu: Nlu;
  beforeAll(() => {
    nlu = createNlu([locale]);
  });

  describe('evaluation set', () => {
    const lines = evalSet(locale);

    it('should be well-formed, cover every category and crisis type, and hold some text in the other script', () => {
      for (const line of lines) {
        expect(line.locale).toBe(locale);
        expect(line.text.trim()).not.toBe('');
      }
      for (const category of CATEGORIES) expect(lines.filter((l) => l.category === category).length).toBeGreaterThanOrEqual(3);
      const crises = lines.filter((l) => l.crisis === true);
      const safe = lines.filter((l) => l.crisis === false);
      expect(crises.length).toBeGreaterThanOrEqual(12);
      expect(safe.length).toBeGreaterThanOrEqual(12);
      expect(crises.length + safe.length).toBeGreaterThanOrEqual(24);
      for (const type of CRISIS_TYPES) expect(crises.filter((l) => l.crisisType === type).length).toBeGreaterThanOrEqual(2);
      for (const line of safe) expect(line.crisisType).toBeNull();
      const inOtherScript = lines.filter((l) => (locale === 'zh-Hans' ? isTraditional(l.text) : isSimplified(l.text)));
      expect(inOtherScript.length).toBeGreaterThanOrEqual(2);
    });

    it('should share no sentence with the training data of either Chinese locale', () => {
      expect(lines.filter((l) => trainingTexts.has(normal(l.text))).map((l) => l.text)).toEqual([]);
    });

    it('should reach category accuracy ≥ 0.90, crisis recall 1.0 and a false-positive rate ≤ 0.10', () => {
      const s = score(nlu, locale);
      console.info(
        `[${locale}] accuracy ${s.accuracy.toFixed(3)}, crisis recall ${s.recall.toFixed(3)}, false-positive rate ${s.falsePositiveRate.toFixed(3)}` +
          `\n misses: ${s.misses.join('; ')}\n missed crises: ${s.missedCrises.join('; ')}\n wrong types: ${s.wrongTypes.join('; ')}\n false alarms: ${s.falseAlarms.join('; ')}`
      );
      expect(s.missedCrises).toEqual([]);
      expect(s.recall).toBe(1);
      expect(s.accuracy).toBeGreaterThanOrEqual(0.9);
      expect(s.falsePositiveRate).toBeLessThanOrEqual(0.1);
    });
  });

  describe('crisis guard', () => {
    it.each([
      ['我不想活了', 'self_harm'],
      ['活着没意思', 'self_harm'],
      ['大家没有我会更好', 'self_harm'],
      ['我吃了很多药', 'self_harm'],
      ['他说要杀了我', 'violence'],
      ['我爸爸打我', 'child_at_risk'],
      ['她没有呼吸了', 'medical'],
      ['我不想活了', 'self_harm'],
      ['活著沒意思', 'self_harm'],
      ['大家沒有我會更好', 'self_harm'],
      ['我吃了很多藥', 'self_harm'],
      ['他說要殺了我', 'violence'],
      ['我爸爸打我', 'child_at_risk'],
      ['她沒有呼吸了', 'medical'],
      ['累死了，我真的不想活了', 'self_harm'],
      ['我不是想自杀，但是我老公在打我', 'violence']
    ])('should catch %p as %p in either script', (text, type) => {
      expect(nlu.recognize(text, locale).crisis?.type).toBe(type);
    });

    it.each(['累死了', '气死我了', '笑死我了', '这个表格要我的命', '饿死了', '忙死了', '這個表格要我的命', '氣死我了', '我不是想自杀，只是房租交不起', '没有人打我', '他一直打我电话', '我想杀杀价'])(
      'should not take the idiom or negation %p for a crisis',
      (text) => {
        expect(nlu.recognize(text, locale).crisis).toBeUndefined();
      }
    );

    it('should write patterns without \\b (it means nothing between Chinese characters)', () => {
      const crisis = (locale === 'zh-Hans' ? simplifiedFile : traditionalFile).nlu.crisis;
      const sources = [...Object.values(crisis.terms), ...Object.values(crisis.patterns).flat(), ...crisis.figurative, ...crisis.negations];
      expect(sources.filter((s) => s.includes('\\b'))).toEqual([]);
    });

    it('should make a pattern match either script', () => {
      expect(eitherScript('杀(?:了)?我')).toBe('[杀殺](?:了)?我');
      expect(eitherScript('[药藥]')).toContain('药');
      expect(new RegExp(eitherScript('活着没意思')).test('活著沒意思')).toBe(true);
      expect(new RegExp(eitherScript('活著沒意思')).test('活着没意思')).toBe(true);
    });
  });

  describe('yes / no / unsure', () => {
    it.each([
      ['是', 'yes'],
      ['是的', 'yes'],
      ['对', 'yes'],
      ['對', 'yes'],
      ['好的', 'yes'],
      ['可以', 'yes'],
      ['嗯', 'yes'],
      ['嗯嗯嗯', 'yes'],
      ['是的，我同意', 'yes'],
      ['好的，谢谢', 'yes'],
      ['不', 'no'],
      ['不要', 'no'],
      ['不用', 'no'],
      ['不用了，谢谢', 'no'],
      ['不，我没有', 'no'],
      ['沒有', 'no'],
      ['不知道', 'unsure'],
      ['不确定', 'unsure'],
      ['不確定', 'unsure'],
      ['我不知道', 'unsure'],
      ['也许吧', 'unsure']
    ])('should read %p as %p', (text, answer) => {
      expect(nlu.recognize(text, locale).yesNo).toBe(answer);
    });

    it.each(['我需要帮忙交房租', '对我来说很难', '好累啊', '没有人能帮我照顾孩子'])('should not read %p as an answer', (text) => {
      expect(nlu.recognize(text, locale).yesNo).toBeUndefined();
    });
  });

  describe('commands', () => {
    it.each([
      ['人工', 'human'],
      ['转人工', 'human'],
      ['轉人工', 'human'],
      ['我想转人工', 'human'],
      ['请帮我转人工客服', 'human'],
      ['找真人', 'human'],
      ['帮助', 'help'],
      ['重新开始', 'restart'],
      ['我想重新開始', 'restart'],
      ['换语言', 'language'],
      ['中文', 'language'],
      ['删除我的资料', 'delete'],
      ['請刪除我的資料', 'delete'],
      ['暂停', 'pause'],
      ['我晚点再来', 'pause'],
      ['继续', 'resume'],
      ['我回来了', 'resume'],
      ['取消预约', 'booking'],
      ['我想取消我的预约 DW-7K3M9P', 'booking'],
      ['更改預約', 'booking']
    ])('should read %p as the command %p', (text, command) => {
      expect(nlu.recognize(text, locale).command).toBe(command);
    });

    it.each(['我需要帮忙交房租', '我想找工作', '我不想删除我的资料', '我想跟房东说话', '我的预约被医院取消了', '帮我删除前夫发给我的短信'])(
      'should not read free text %p as a command',
      (text) => {
        expect(nlu.recognize(text, locale).command).toBeUndefined();
      }
    );
  });

  describe('categories', () => {
    it.each([
      ['我老公天天去赌场，钱都输光了', 'substance_use'],
      ['我沉迷網路賭博', 'substance_use'],
      ['老板拖欠工资三个月了', 'employment'],
      ['老闆欠我兩個月薪水', 'employment'],
      ['台风把我家屋顶吹走了', 'disaster'],
      ['地震把我們家震壞了', 'disaster']
    ])('should follow the spec for %p (%p)', (text, category) => {
      expect(nlu.recognize(text, locale).category?.category).toBe(category);
    });

    it('should understand the other script as well as its own', () => {
      const pairs: Array<[string, string, Category]> = [
        ['房东要我下个月搬走', '房東要我下個月搬走', 'housing'],
        ['我的签证快过期了', '我的簽證快過期了', 'legal_immigration'],
        ['我丈夫每天喝醉', '我丈夫每天喝醉', 'substance_use']
      ];
      for (const [simplified, traditional, category] of pairs) {
        expect(nlu.recognize(simplified, locale).category?.category).toBe(category);
        expect(nlu.recognize(traditional, locale).category?.category).toBe(category);
      }
    });

    it('should answer frequent questions in either script', () => {
      expect(nlu.recognize('你们几点开门', locale).faq?.id).toBe('hours');
      expect(nlu.recognize('你們幾點開門', locale).faq?.id).toBe('hours');
      expect(nlu.recognize('收费吗', locale).faq?.id).toBe('cost');
      expect(nlu.recognize('我需要帮忙交房租', locale).faq).toBeUndefined();
    });
  });

  describe('matchChoice against the locale’s own buttons', () => {
    const messages = catalogue(locale).messages;
    const buttons = (...keys: string[]) => keys.map((key) => ({ value: key, title: messages[`choice.${key}`] ?? '' }));
    const modality = buttons('modality.in_person', 'modality.phone', 'modality.video');
    const consent = buttons('consent.yes', 'consent.no', 'consent.more');
    const crisis = buttons('crisis.safe', 'crisis.unsafe', 'crisis.continue');
    const urgency = buttons('urgency.today', 'urgency.this_week', 'urgency.can_wait');

    it('should match every title typed as shown, and in the other script', () => {
      for (const set of [modality, consent, crisis, urgency]) {
        for (const choice of set) {
          expect(nlu.matchChoice(choice.title, set, locale)).toBe(choice.value);
          expect(nlu.matchChoice(`${choice.title}。`, set, other)).toBe(choice.value);
        }
      }
    });

    it.each([
      ['2', 'modality', 'modality.phone'],
      ['我想打电话', 'modality', 'modality.phone'],
      ['打電話', 'modality', 'modality.phone'],
      ['视频吧', 'modality', 'modality.video'],
      ['可以', 'consent', 'consent.yes'],
      ['不要', 'consent', 'consent.no'],
      ['安全', 'crisis', 'crisis.safe'],
      ['不安全', 'crisis', 'crisis.unsafe'],
      ['今天', 'urgency', 'urgency.today']
    ])('should match %p among the %s buttons to %p', (text, set, value) => {
      const sets: Record<string, typeof modality> = { modality, consent, crisis, urgency };
      expect(nlu.matchChoice(text, sets[set] ?? [], locale)).toBe(value);
    });

    it.each([
      ['不要电话', modality],
      ['4', modality],
      ['我想说说我的电话费和房租的问题，最近真的很难', modality]
    ])('should not match %p', (text, set) => {
      expect(nlu.matchChoice(text, set, locale)).toBeUndefined();
    });
  });
});
