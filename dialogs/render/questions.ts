import type { IntakeContext, IntakeMachine, IntakeSnapshot } from '../intake/intake.machine';
import { progressOf, type Stage } from '../intake/stages';
import type { AgencyInfo, Locale } from '../types';
import { catalogue, t } from './catalogue';
import { formatSlot } from './format';

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
    // `agency.locales` is the offered list, worked out once at start-up.
    return [
      ...agency.locales.map((candidate) => ({ value: `lang:${candidate}`, title: catalogue(candidate).meta.name })),
      choice(locale, 'language.keep')
    ];
  }
  if (meta.choices === 'editFields') return editFields(context).map((value) => choice(locale, value));
  return (meta.choices ?? []).map((value) => choice(locale, value));
}

/**
 * A question of the chart by its id, as it would be asked in `locale` (dynamic buttons as they
 * are with nothing chosen yet); for tools that read answers without a conversation, such as the
 * bench and the `nlu` command.
 */
export function questionById(machine: IntakeMachine, agency: AgencyInfo, locale: Locale, id: string): Question | undefined {
  const found = findMeta(machine.root, id);
  if (!found) return undefined;
  const context = { locale, stage: found.stage, slots: [], record: { request: {} }, chosenSlot: undefined } as unknown as IntakeContext;
  const meta = found.meta.choices === 'editFields' ? { ...found.meta, choices: [...EDIT_FIELDS, 'edit.slot', 'edit.contact', 'edit.nothing'] } : found.meta;
  return { id, stage: found.stage, progress: progressOf(found.path, 0), choices: choicesFor(meta, context, agency), freeText: meta.freeText === true, yes: meta.yes, no: meta.no };
}

interface ChartNode {
  id: string;
  meta?: unknown;
  states: Record<string, ChartNode>;
}

function findMeta(node: ChartNode, questionId: string): { meta: QuestionMeta; path: string; stage: Stage } | undefined {
  if (isQuestionMeta(node.meta) && node.meta.question === questionId) {
    const path = node.id.replace(/^intake\./, '');
    const stage = (path.split('.')[0] === 'flow' ? path.split('.')[1] : 'welcome') as Stage;
    return { meta: node.meta, path, stage };
  }
  for (const child of Object.values(node.states)) {
    const found = findMeta(child, questionId);
    if (found) return found;
  }
  return undefined;
}

const EDIT_FIELDS = ['edit.request', 'edit.category', 'edit.since', 'edit.goal', 'edit.tried', 'edit.urgency', 'edit.strengths', 'edit.resources', 'edit.area'];

/** The answers a person may correct from the summary: only those they gave. */
function editFields(context: IntakeContext): string[] {
  const { record } = context;
  const fields = [...EDIT_FIELDS];
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
