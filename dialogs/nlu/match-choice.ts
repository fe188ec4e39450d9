import { cleanText } from './normalize';
import { hanNegations, nearDistance, type PhraseNormalizer } from './phrases';
import type { YesNoRecognizer } from './yes-no';

/** A button as offered: a stable value and the localized title the person sees. */
export interface Choice {
  value: string;
  title: string;
}

/** Shortest typed word that may stand for a whole title ("person" for "In person"). */
const MIN_KEYWORD_LENGTH = 4;
/** The same for Chinese, whose characters each carry meaning ("安全" for "是的，我安全"). */
const MIN_HAN_KEYWORD_LENGTH = 2;
/** Most characters a Chinese answer may add around a title it contains ("我想打电话吧"). */
const MAX_HAN_EXTRA = 4;
const HAN = /\p{Script=Han}/u;

/**
 * Maps typed text to one of the offered buttons: the title typed (nearly) as shown, its number
 * ("2"), a distinctive word of it, or a yes/no answer when exactly one button means that answer.
 * Returns undefined when nothing matches or two buttons match equally well.
 */
export function matchChoice(
  text: string,
  choices: Choice[],
  normalizer: PhraseNormalizer,
  yesNo: YesNoRecognizer
): string | undefined {
  const cleaned = cleanText(text);
  const longestTitle = Math.max(0, ...choices.map((c) => c.title.length));
  // A sentence much longer than any title is free text, even if it contains a title word.
  if (choices.length === 0 || cleaned === '' || cleaned.length > longestTitle * 1.5 + 12) return undefined;

  const core = normalizer.core(cleaned);
  const titles = choices.map((c) => ({ value: c.value, simple: normalizer.simple(c.title), core: normalizer.core(c.title) }));
  const forms = [...new Set([normalizer.simple(cleaned), core])].filter(Boolean);

  // A title typed exactly wins over reading it as a position (rating buttons are titled "1".."5").
  const exact = titles.find((t) => forms.includes(t.simple));
  if (exact !== undefined) return exact.value;
  const number = /^\d{1,2}$/.test(core) ? Number(core) : undefined;
  if (number !== undefined) return number >= 1 && number <= choices.length ? choices[number - 1].value : undefined;

  const byDistance = unique(
    titles.map((t) => {
      let best: number | undefined;
      for (const form of forms) {
        for (const title of [t.simple, t.core]) {
          const d = form.replace(/ /g, '') === title.replace(/ /g, '') ? 0 : nearDistance(form, title);
          if (d !== undefined && (best === undefined || d < best)) best = d;
        }
      }
      return { value: t.value, score: best };
    })
  );
  if (byDistance !== null) return byDistance;

  if (HAN.test(core)) {
    // Chinese is written without spaces, so look for the title in the answer ("我想打电话" → 电话)
    // or the answer in the title ("安全" → 是的，我安全), never across an added or dropped
    // negation (不要电话). Two candidates are not an answer here; the yes/no reading below may be.
    const byContaining = unique(
      titles.map((t) => {
        const scores = forms.flatMap((form) => [t.simple, t.core].map((title) => containment(form, title))).filter((d) => d !== undefined);
        return { value: t.value, score: scores.length > 0 ? Math.min(...scores) : undefined };
      })
    );
    if (byContaining) return byContaining;
  } else {
    const words = core.split(' ');
    if (words.length <= 2 && words.every((w) => w.length >= MIN_KEYWORD_LENGTH)) {
      const byKeyword = unique(titles.map((t) => ({ value: t.value, score: words.every((w) => t.core.split(' ').includes(w)) ? 0 : undefined })));
      if (byKeyword !== null) return byKeyword;
    }
  }

  const answer = yesNo.recognize(cleaned);
  if (answer !== undefined) {
    const same = choices.filter((c) => yesNo.recognize(c.title) === answer);
    if (same.length === 1) return same[0].value;
  }
  return undefined;
}

/** How much longer the one is than the other when one contains the other; undefined otherwise. */
function containment(typedForm: string, titleForm: string): number | undefined {
  const typed = typedForm.replace(/ /g, '');
  const title = titleForm.replace(/ /g, '');
  if (typed.length < MIN_HAN_KEYWORD_LENGTH || title.length < MIN_HAN_KEYWORD_LENGTH) return undefined;
  if (hanNegations(typed) !== hanNegations(title)) return undefined;
  if (title.includes(typed)) return title.length - typed.length;
  if (typed.includes(title) && typed.length <= title.length + MAX_HAN_EXTRA) return typed.length - title.length;
  return undefined;
}

/**
 * The value with the lowest score; undefined on a tie (ambiguous, so ask again);
 * null when nothing scored.
 */
function unique(scored: Array<{ value: string; score: number | undefined }>): string | undefined | null {
  const hits = scored.filter((s): s is { value: string; score: number } => s.score !== undefined);
  if (hits.length === 0) return null;
  const best = Math.min(...hits.map((h) => h.score));
  const top = hits.filter((h) => h.score === best);
  return top.length === 1 ? top[0].value : undefined;
}
