import type { ContactMethod, IntakeRecord, Locale, Relation } from '../types';

export function emptyRecord(channel: string, locale: Locale, at: string): IntakeRecord {
  return {
    channel,
    locale,
    createdAt: at,
    updatedAt: at,
    route: {},
    request: { categoryConfirmed: false },
    strengths: [],
    resources: [],
    risk: [],
    area: {},
    contact: {},
    referrals: []
  };
}

/**
 * Keeps what the person told us about risk and the channel, and forgets the rest: used by
 * "start over", so a crisis seen earlier in the conversation is never erased by a restart.
 */
export function restartedRecord(record: IntakeRecord, at: string): IntakeRecord {
  return { ...emptyRecord(record.channel, record.locale, at), risk: record.risk, consent: record.consent };
}

/** Words that tell what kind of tie a typed "who" is; English plus the other locales' common words. */
const RELATION_WORDS: Array<[Relation, RegExp]> = [
  ['family', /\b(mum|mom|mother|dad|father|parent|sister|brother|sibling|aunt|uncle|cousin|grand\w*|son|daughter|child|kids?|wife|husband|partner|spouse|family|mor|far|søster|bror|familie|mutter|vater|schwester|bruder|familie)\b|妈|爸|姐|妹|哥|弟|家人|父|母/iu],
  ['friend', /\b(friends?|mate|buddy|venn\w*|freund\w*)\b|朋友/iu],
  ['neighbour', /\b(neighbou?rs?|nabo\w*|nachbar\w*)\b|邻居|鄰居/iu],
  ['community', /\b(church|mosque|temple|synagogue|faith|congregation|community|club|team|kirke|moské|gemeinde|kirche|verein)\b|教会|教會|寺/iu],
  ['work_school', /\b(boss|manager|colleague|co-?worker|work|job|teacher|school|university|college|sjef|kollega|lærer|skole|chef|kollege|lehrer|schule)\b|同事|老板|老闆|老师|老師|学校|學校/iu],
  ['professional', /\b(doctor|gp|nurse|therapist|counsel+or|psychologist|social worker|caseworker|nav|lege|sykepleier|arzt|ärztin|therapeut\w*|sozialarbeiter\w*)\b|医生|醫生|社工|护士|護士/iu]
];

export function guessRelation(text: string): Relation {
  for (const [relation, words] of RELATION_WORDS) {
    if (words.test(text)) return relation;
  }
  return 'other';
}

const EMAIL = /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]{2,}$/;

/**
 * Reads a phone number or e-mail address forgivingly (spaces, dashes, brackets, a leading +);
 * undefined when it is neither, so the person can be asked again.
 */
export function readContactDetail(method: ContactMethod, text: string): string | undefined {
  const trimmed = text.trim();
  if (method === 'email') return EMAIL.test(trimmed) ? trimmed : undefined;
  const compact = trimmed.replace(/[\s().-]/g, '');
  return /^\+?\d{5,15}$/.test(compact) ? compact : undefined;
}

/** A person's answer on one line, shortened to `max` characters, as it may appear in a record. */
export function clip(text: string, max = 400): string {
  const single = text.replace(/\s+/g, ' ').trim();
  return single.length > max ? `${single.slice(0, max - 1)}…` : single;
}
