import AggressiveTokenizer from 'natural/lib/natural/tokenizers/aggressive_tokenizer';
import PorterStemmer from 'natural/lib/natural/stemmers/porter_stemmer';
import localeFile from '../../../locales/en.json';
import type { LanguageTools, LocalePack } from '../language';
import { parseNluData } from '../locale-data';
import { memo, tokenized } from '../memo';

// Function words that carry no hint of a service category. Negations, pronouns and question words
// are kept for the crisis and FAQ models, which read every token.
const STOPWORDS = new Set(
  (
    'a an the and or but if so to of in on at by for from with about as into than then this that these those ' +
    'i me my mine im ive id ill we us our you your u it its is am are was were be been being do does did doing ' +
    'have has had having can could would will shall should may might must just really very too also please pls ' +
    'thanks thank hi hello hey ok okay um uh there here some any all get got go going want wanna need like know ' +
    // Time words and particles say when or how, not what the difficulty is.
    'every day days time times always still anymore again last next week weeks month months year years ' +
    'today yesterday tomorrow night now lately soon off up down out over away back around ' +
    // Answers and negations: they change a sentence's truth, not its topic.
    'yes yeah no not dont cant wont didnt doesnt isnt arent havent hasnt'
  ).split(' ')
);

const tokenizer = new AggressiveTokenizer();

function tokenizeEnglish(text: string): string[] {
  return (
    tokenizer.tokenize(
      text
        .normalize('NFKD')
        .replace(/[\u0300-\u036f]/g, '')
        .toLowerCase()
        .replace(/'/g, '')
    )
  );
}

/** English: natural's aggressive tokenizer and Porter stemmer; apostrophes dropped so "don't" = "dont". */
export const englishTools: LanguageTools = {
  tokenize: tokenized(memo(tokenizeEnglish, 20_000)),
  // Training reads the same words in every model, and the stemmer is the slow part.
  stem: memo((word) => PorterStemmer.stem(word), 20_000),
  stopwords: STOPWORDS,
  minCorrectable: 4
};

/** The English NLU pack. */
export function loadEnglish(): LocalePack {
  return { locale: 'en', data: parseNluData(localeFile, 'en'), tools: englishTools };
}
