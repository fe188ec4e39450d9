import type { RenderedMessage } from '../../dialogs/render/render-turn';
import type { Locale } from '../../dialogs/types';

/** The plain Activity fields we send; the SDK fills in ids, addresses and timestamps. */
export interface OutgoingActivity {
  type: 'message';
  text: string;
  textFormat: 'markdown';
  locale: Locale;
  inputHint: 'expectingInput' | 'acceptingInput';
  suggestedActions?: { to: string[]; actions: Array<{ type: 'messageBack' | 'imBack'; title: string; value: string; text?: string; displayText?: string }> };
  attachments?: Array<{ contentType: string; name: string; contentUrl: string }>;
  channelData: { intake: RenderedMessage['intake'] };
}

/**
 * A rendered message as an Activity. Buttons carry their stable id as `value`, and send their
 * title as the visible text; Teams shows only `imBack` suggested actions, so there the title
 * itself is sent and matched back to the button.
 */
export function toActivity(message: RenderedMessage, locale: Locale, channelId: string, userId?: string): OutgoingActivity {
  const actions = (message.choices ?? []).map((choice) =>
    channelId === 'msteams'
      ? { type: 'imBack' as const, title: choice.title, value: choice.title }
      : { type: 'messageBack' as const, title: choice.title, value: choice.value, text: choice.title, displayText: choice.title }
  );
  return {
    type: 'message',
    text: message.text,
    textFormat: 'markdown',
    locale,
    inputHint: actions.length > 0 || message.choices ? 'expectingInput' : 'acceptingInput',
    ...(actions.length > 0 ? { suggestedActions: { to: userId ? [userId] : [], actions } } : {}),
    ...(message.attachments
      ? {
          attachments: message.attachments.map((attachment) => ({
            contentType: attachment.contentType,
            name: attachment.name,
            contentUrl: `data:${attachment.contentType};base64,${Buffer.from(attachment.content, 'utf8').toString('base64')}`
          }))
        }
      : {}),
    channelData: { intake: message.intake }
  };
}
