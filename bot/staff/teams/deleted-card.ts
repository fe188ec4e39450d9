import type { Locale } from '../../../dialogs/types';
import { plainFact, staffSay } from './card-text';

/** The stub that replaces a card once its intake is erased: the reference and nothing personal. */
export function deletedCard(reference: string, staffLocale: Locale): Record<string, unknown> {
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    lang: staffLocale,
    body: [
      { type: 'TextBlock', text: staffSay(staffLocale, 'staff.card.title.deleted'), weight: 'Bolder', size: 'Large', wrap: true },
      { type: 'TextBlock', text: plainFact(staffSay(staffLocale, 'staff.card.deleted', { reference })), wrap: true }
    ]
  };
}
