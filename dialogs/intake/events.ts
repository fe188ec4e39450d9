import type { Category, CrisisType, DirectoryMatch, Locale } from '../types';

/** What the person did this turn, already interpreted (see `interpret.ts`). Every event carries its time. */
export type IntakeEvent =
  /** A button was pressed, or typed text matched a button. `value` is the button's stable id. */
  | { type: 'CHOOSE'; value: string; at: string }
  /** Free text, with what the NLU made of it. */
  | {
      type: 'TEXT';
      text: string;
      at: string;
      yesNo?: 'yes' | 'no' | 'unsure';
      category?: Category;
      faq?: string;
      /** The button on screen the words come closest to, when they are kept as words ("my sister Anna" → relation.family). */
      closest?: string;
    }
  /** Something we could not read: nothing, only an attachment, only emoji, or far too long. */
  | { type: 'UNREADABLE'; reason: UnreadableReason; at: string }
  /** Explicit danger: interrupts at once. */
  | { type: 'CRISIS'; crisisType: CrisisType; at: string }
  /** A weaker signal in an answer: the answer is taken, then the person is gently asked if they are safe. */
  | { type: 'CONCERN'; crisisType: CrisisType; at: string }
  /** A typed answer that probably means this button: asked back ("Did you mean …?"). */
  | { type: 'UNSURE'; value: string; question: string; at: string }
  | { type: 'HELP'; at: string }
  | { type: 'RESTART'; at: string }
  | { type: 'HUMAN'; at: string }
  | { type: 'LANGUAGE'; locale?: Locale; at: string }
  | { type: 'DELETE'; at: string }
  | { type: 'PAUSE'; at: string }
  | { type: 'MANAGE_BOOKING'; at: string }
  /** The person came back after being idle longer than the agency's idle time. */
  | { type: 'IDLE_RETURN'; at: string }
  /** Sent before every turn: whether the office is closed now, so long chats stay right about it. */
  | { type: 'TICK'; afterHours: boolean; at: string };

export type UnreadableReason = 'empty' | 'attachment' | 'emoji' | 'too_long';

export type Params = Record<string, string | number>;

/**
 * What the machine wants said this turn, emitted as it happens. The current question is not
 * among them: it is derived from the state the machine settles in (see `questions.ts`).
 */
export type IntakeOutput =
  | { type: 'say'; id: string; params?: Params }
  | { type: 'emergency' }
  /** The answer to a frequent question, from the locale's FAQ. */
  | { type: 'faq'; id: string }
  | { type: 'referrals'; matches: DirectoryMatch[] }
  | { type: 'summary' }
  | { type: 'confirmation'; reference: string; calendar?: string }
  | { type: 'booking'; reference: string }
  /** "Did you mean …?" with the button's title. */
  | { type: 'didYouMean'; value: string };
