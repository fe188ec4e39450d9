/**
 * The domain vocabulary shared by the conversation (`dialogs/`) and the services that touch the
 * world (`bot/`). Nothing here does I/O.
 */

export const LOCALES = ['en', 'nb', 'de', 'zh-Hans', 'zh-Hant'] as const;
export type Locale = (typeof LOCALES)[number];

export const CATEGORIES = [
  'financial',
  'housing',
  'employment',
  'family',
  'mental_health',
  'substance_use',
  'violence',
  'health_disability',
  'disaster',
  'legal_immigration',
  'other'
] as const;
export type Category = (typeof CATEGORIES)[number];

export const CRISIS_TYPES = ['self_harm', 'violence', 'child_at_risk', 'medical'] as const;
export type CrisisType = (typeof CRISIS_TYPES)[number];

export const URGENCIES = ['today', 'this_week', 'can_wait'] as const;
export type Urgency = (typeof URGENCIES)[number];

export const MODALITIES = ['in_person', 'phone', 'video'] as const;
export type Modality = (typeof MODALITIES)[number];

export const SUPPORT_KINDS = ['practical', 'emotional', 'financial', 'information'] as const;
export type SupportKind = (typeof SUPPORT_KINDS)[number];

export const TIE_STRENGTHS = ['strong', 'weak', 'strained'] as const;
export type TieStrength = (typeof TIE_STRENGTHS)[number];

export const RELATIONS = ['family', 'friend', 'neighbour', 'community', 'work_school', 'professional', 'other'] as const;
export type Relation = (typeof RELATIONS)[number];

export type ForWhom = 'self' | 'other';
export type Initiative = 'own' | 'suggested' | 'required';
export type ContactMethod = 'phone' | 'email';
export type Outcome = 'booked' | 'referred' | 'info' | 'crisis' | 'left_early';

/** A person or group who backs the help-seeker; one line of the eco-map. */
export interface Resource {
  /** As typed by the person, e.g. "my sister Anna". */
  who: string;
  relation: Relation;
  kinds: SupportKind[];
  tie: TieStrength;
}

export interface CrisisSignal {
  type: CrisisType;
  at: string;
  /** The stage the person was in when the signal was seen. */
  stage: string;
  staffAlerted: boolean;
  /** Which tier of the crisis guard raised it: explicit danger, or a check-in the person answered "not safe" or unclearly. */
  tier?: 'explicit' | 'check-in';
}

/** The intake record of CONVERSATION.md: what staff receive, stored only with consent. */
export interface IntakeRecord {
  reference?: string;
  channel: string;
  locale: Locale;
  createdAt: string;
  updatedAt: string;
  consent?: { given: boolean; at: string; version: string };
  route: { forWhom?: ForWhom; initiative?: Initiative; byWhom?: string };
  request: {
    category?: Category;
    /** What the classifier proposed before the person confirmed or changed it. */
    proposedCategory?: Category;
    categoryConfirmed: boolean;
    words?: string;
    since?: string;
    goal?: string;
    triedBefore?: string;
    urgency?: Urgency;
  };
  strengths: string[];
  resources: Resource[];
  risk: CrisisSignal[];
  area: { input?: string; matched?: string; inArea?: boolean };
  contact: {
    name?: string;
    method?: ContactMethod;
    detail?: string;
    /** A locale, another language as typed, or undefined when no interpreter is needed. */
    interpreter?: string;
    accessibility?: string;
  };
  outcome?: Outcome;
  booking?: BookingSummary;
  referrals: ReferralSummary[];
  narrative?: Narrative;
  feedback?: { rating?: number; comment?: string };
}

export interface Narrative {
  purpose: string;
  course: string;
  assessment: string;
  suggestions: string;
}

/** An intake slot computed from the agency's slot pattern. Times are ISO 8601 with offset. */
export interface Slot {
  /** Stable id, e.g. `20261124T0800Z`: the start instant in UTC. */
  id: string;
  start: string;
  end: string;
  modalities: Modality[];
  place: string;
  seatsLeft: number;
}

export interface BookingSummary {
  slotId: string;
  start: string;
  end: string;
  modality: Modality;
  place: string;
  status: 'booked' | 'cancelled';
}

/** Why a directory service was suggested; each reason is rendered from the locale. */
export type MatchReason = 'category' | 'area' | 'language';

export interface ReferralSummary {
  serviceId: string;
  name: string;
  reasons: MatchReason[];
}

/** A service from the referral directory, ready to show. */
export interface DirectoryMatch extends ReferralSummary {
  organization: string;
  description: string;
  phone?: string;
  email?: string;
  url?: string;
  address?: string;
  openNow: boolean;
  /** Opening hours as weekday ranges, e.g. [{ days: [1,2,3,4,5], opens: '09:00', closes: '15:00' }]. */
  hours: Array<{ days: number[]; opens: string; closes: string }>;
}

/** What the conversation needs to know about the agency; built by `bot/config` from the agency file. */
export interface AgencyInfo {
  name: string;
  phone: string;
  email?: string;
  address: string;
  website?: string;
  defaultLocale: Locale;
  staffLocale: Locale;
  locales: Locale[];
  timeZone: string;
  /** Categories in the agency's own service catalogue. */
  categories: Category[];
  modalities: Modality[];
  emergency: Array<{ label: Partial<Record<Locale, string>>; number: string }>;
  /** Helplines shown beside the emergency numbers: suicide prevention, violence, children. */
  helplines: Array<{ label: Partial<Record<Locale, string>>; number: string }>;
  /** Opening hours as weekday ranges (1 = Monday … 7 = Sunday). */
  openingHours: Array<{ days: number[]; opens: string; closes: string }>;
  retentionDays: number;
  consentVersion: string;
}
