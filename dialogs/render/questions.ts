import { availableLocales, catalogue, t } from '../render/catalogue';
import { formatSlot } from '../render/format';
import type { AgencyInfo, Locale } from '../types';
import type { IntakeContext, IntakeSnapshot } from './intake.machine';
import { progressOf, type Stage } from './stages';

/** A button: a stable, language-independent value and its title in the person's language. */
export interface Choice {
  value: string;
  title: string;
}

/** The question the person is being asked now, derived from the state the machine is in. */
export interface Question {
  id: string;
  stage: Stage;
  progress: number;
  choices: Choice[];
  freeText: boolean;
  /** The choice a plain "yes" or "no" stands for, where one does. */
  yes?: string;
  no?: string;
}

interface QuestionMeta {
  question: string;
  choices?: string[] | 'slots' | 'languages' | 'editFields';
  freeText?: boolean;
  yes?: string;
  no?: string;
}

const isQuestionMeta = (meta: unknown): meta is QuestionMeta =>
  typeof meta === 'object' && meta !== null && typeof (meta as { question?: unknown }).question === 'string';

export function currentQuestion(snapshot: IntakeSnapshot, agency: AgencyInfo): Question | undefined {
  const entries = Object.entries(snapshot.getMeta() as Record<string, unknown>)
    .filter((entry): entry is [string, QuestionMeta] => isQuestionMeta(entry[1]))
    .sort(([a], [b]) => b.length - a.length);
  const deepest = entries[0];
  if (!deepest) return undefined;
  const [stateId, meta] = deepest;
  const context = snapshot.context;
  const path = stateId.replace(/^intake\./, '');
  return {
    id: meta.question,
    stage: context.stage,
    progress: progressOf(path, progressFallback(context.stage)),
    choices: choicesFor(meta, context, agency),
    freeText: meta.freeText === true,
    yes: meta.yes,
    no: meta.no
  };
}

function progressFallback(stage: Stage): number {
  return progressOf(`flow.${stage}`, 0);
}

function choicesFor(meta: QuestionMeta, context: IntakeContext, agency: AgencyInfo): Choice[] {
  const locale = context.locale;
  if (meta.choices === 'slots') {
    const slots = context.slots.map((slot) => ({ value: `slot:${slot.id}`, title: formatSlot(slot, locale, agency.timeZone) }));
    return context.stage === 'booking' ? [...slots, choice(locale, 'booking.otherModality')] : slots;
  }
  if (meta.choices === 'languages') {
    const locales = availableLocales().filter((candidate) => agency.locales.includes(candidate));
    return [
      ...locales.map((candidate) => ({ value: `lang:${candidate}`, title: catalogue(candidate).meta.name })),
      choice(locale, 'language.keep')
    ];
  }
  if (meta.choices === 'editFields') return editFields(context).map((value) => choice(locale, value));
  return (meta.choices ?? []).map((value) => choice(locale, value));
}

/** The answers a person may correct from the summary: only those they gave. */
function editFields(context: IntakeContext): string[] {
  const { record } = context;
  const fields = ['edit.request', 'edit.category', 'edit.since', 'edit.goal', 'edit.tried', 'edit.urgency', 'edit.strengths', 'edit.resources', 'edit.area'];
  if (context.chosenSlot) fields.push('edit.slot', 'edit.contact');
  return [...fields.filter((field) => field !== 'edit.since' || record.request.since !== undefined), 'edit.nothing'];
}

export function choice(locale: Locale, value: string): Choice {
  return { value, title: t(locale, choiceKey(value)) };
}

/** `consent.yes` → `choice.consent.yes`; `category:housing` → `choice.category.housing`. */
export function choiceKey(value: string): string {
  return `choice.${value.replace(':', '.')}`;
}
