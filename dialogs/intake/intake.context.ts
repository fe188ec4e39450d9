import type { FoundBooking, IntakeServices } from '../services';
import type { AgencyInfo, CrisisType, DirectoryMatch, IntakeRecord, Locale, Modality, Narrative, Resource, Slot } from '../types';
import type { Stage } from './stages';

export interface IntakeContext {
  conversationId: string;
  locale: Locale;
  /** The stage of CONVERSATION.md the person is in; overlays such as crisis keep the last one. */
  stage: Stage;
  afterHours: boolean;
  record: IntakeRecord;
  /** True while the person corrects one answer from the summary; answering returns there. */
  editing: boolean;
  pendingResource?: Partial<Resource>;
  slots: Slot[];
  chosenSlot?: Slot;
  referrals: DirectoryMatch[];
  /** How the person wants to meet, chosen before the slots are offered. */
  modality?: Modality;
  /** The reference typed to change or cancel a booking, and the booking it found. */
  managedReference?: string;
  managed?: FoundBooking;
  /** How often the current question went unanswered; after a few, we offer a person. */
  misses: number;
  /** Booking references tried in vain; capped so references cannot be guessed by chatting. */
  referenceMisses?: number;
  /** The button a typed answer probably meant, asked back ("Did you mean …?") and open for a yes. */
  suggestion?: { question: string; value: string };
  /** A weaker crisis signal in the last answer, while the check-in question is open. */
  concern?: CrisisType;
}

export interface IntakeInput {
  conversationId: string;
  channel: string;
  locale: Locale;
  afterHours: boolean;
  at: string;
}

export interface IntakeMachineOptions {
  /** The agency the conversation is with: its categories, modalities, locales and consent version. */
  agency: AgencyInfo;
  /** Where the machine's I/O goes; each service is invoked as an actor. */
  services: IntakeServices;
  /** Writes the intake note of a record as it is submitted (see `dialogs/turn/conversation-machine.ts`). */
  narrate?: (record: IntakeRecord) => Narrative;
}

