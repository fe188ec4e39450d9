import { GLOBAL_COMMANDS, type GlobalCommand, type NluLocaleData } from './locale-data';
import { PhraseSet, type PhraseNormalizer } from './phrases';

/** Longer messages are requests in their own words, never a bare command. */
const MAX_COMMAND_WORDS = 10;

/**
 * Recognises a global command only when the whole message is essentially the command
 * ("start over please", "i want to talk to a person"), so "I need help with my rent" is not "help".
 */
export class CommandRecognizer {
  private readonly sets: Array<[GlobalCommand, PhraseSet]>;

  constructor(
    data: NluLocaleData,
    private readonly normalizer: PhraseNormalizer
  ) {
    this.sets = GLOBAL_COMMANDS.map((command) => [command, new PhraseSet(data.commands[command], normalizer)]);
  }

  recognize(text: string): GlobalCommand | undefined {
    // A booking reference ("cancel my booking AB12CD") does not change what is asked for.
    const withoutCodes = text.replace(/\b(?=[a-z0-9-]*\d)[a-z0-9-]{4,}\b/gi, ' ').trim();
    const candidate = withoutCodes === '' ? text : withoutCodes;
    // Counted in the locale's phrase form, which spaces out the words of Chinese.
    if (this.normalizer.form(candidate).split(/\s+/).length > MAX_COMMAND_WORDS) return undefined;
    let best: { command: GlobalCommand; distance: number } | undefined;
    for (const [command, set] of this.sets) {
      const distance = set.distance(candidate);
      if (distance !== undefined && (best === undefined || distance < best.distance)) best = { command, distance };
    }
    return best?.command;
  }
}
