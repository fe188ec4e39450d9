import AggressiveTokenizerNo from 'natural/lib/natural/tokenizers/aggressive_tokenizer_no';
import PorterStemmerNo from 'natural/lib/natural/stemmers/porter_stemmer_no';
import localeFile from '../../../locales/nb.json';
import type { LanguageTools, LocalePack } from '../language';
import { addCompoundParts, MIN_COMPOUND } from '../compounds';
import { parseNluData } from '../locale-data';
import { memo, tokenized } from '../memo';

/**
 * People type Norwegian on phones set to other languages: "gjoere" or "gjore" for "gjøre", "paa"
 * for "på". The digraphs are folded to the Norwegian letters (ae → æ, oe → ø, aa → å, and the
 * Swedish/German ä, ö too), other accents are dropped, so both spellings meet the same training
 * words; a single plain letter ("gjore") is left to the typo correction. æøå are kept, since
 * folding them away would merge "får" (gets) with "far" (father) and "bør" with "bor".
 */
export function foldNorwegian(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/ae|ä/g, 'æ')
    .replace(/oe|ö/g, 'ø')
    .replace(/aa/g, 'å')
    .replace(/[éèêë]/g, 'e')
    .replace(/[áàâ]/g, 'a')
    .replace(/[óòô]/g, 'o')
    .replace(/[íìî]/g, 'i')
    .replace(/[úùûü]/g, 'u')
    .replace(/['\u2019]/g, '')
    // "e-post", "t-banen", "nav-kontoret": one word.
    .replace(/(\p{L})-(?=\p{L})/gu, '$1');
}

/**
 * Parts of compounds that name a topic. Norwegian writes "strømregningen", "husleiegjeld" and
 * "rusproblemer" as one word; a long word that starts with or contains one of these also counts as
 * the part, so a compound never seen in training still says what it is about. Folded spelling.
 */
const PARTS = [
  'gjeld', 'regning', 'penger', 'lønn', 'inkasso', 'økonomi', 'støtte', 'trygd', 'sosialhjelp', 'budsjett', 'strøm',
  'husleie', 'leie', 'bolig', 'leilighet', 'hybel', 'utleier', 'huseier', 'utkastelse', 'husly', 'hjemløs', 'mugg', 'fukt',
  'jobb', 'arbeid', 'oppsigelse', 'sjef', 'kollega', 'kontrakt', 'ansatt', 'ledig',
  'familie', 'barn', 'foreld', 'skilsmisse', 'samvær', 'omsorg', 'barnevern', 'tenåring', 'gravid', 'svigermor', 'bidrag',
  'depresj', 'angst', 'panikk', 'ensom', 'psyk', 'sorg', 'stress', 'traume', 'søvn',
  'rus', 'alkohol', 'drikk', 'fyll', 'narkotika', 'hasj', 'spill', 'casino', 'betting', 'avhengig', 'odds',
  'vold', 'overgrep', 'trussel', 'trusler', 'krisesenter', 'mishandl', 'forfølg', 'kontroll',
  'sykdom', 'funksjon', 'handikap', 'rullestol', 'demens', 'autis', 'diagnose', 'helse', 'lege', 'kreft', 'pleie', 'hjemmehjelp',
  'brann', 'flom', 'storm', 'uvær', 'jordskjelv', 'jordras', 'skred', 'oversvøm', 'vannskade', 'evakuer', 'naturskade',
  'asyl', 'opphold', 'visum', 'advokat', 'rettssak', 'domstol', 'utvis', 'statsborger', 'gjenforening', 'politi',
  'skjema', 'kurs', 'norsk', 'frivillig', 'klær', 'datamaskin'
].sort((a, b) => b.length - a.length);

/** The word, then the topic parts it is built from, if any. */
function withParts(word: string): string[] {
  if (word.length < MIN_COMPOUND) return [word];
  return addCompoundParts(word, PARTS, [word]);
}

// Function words that carry no hint of a service category; negations, pronouns and question
// words are kept for the crisis and FAQ models, which read every token.
const STOPWORDS = new Set(
  (
    'og eller men om så at til av på i med for fra som enn da der her den det de dem denne dette disse en et ei ' +
    'jeg meg min mitt mine vi oss vår vårt våre du deg din ditt dine han ham hun henne hans hennes seg sin sitt sine ' +
    'er var vært være blir ble blitt bli har hadde hatt ha kan kunne vil ville skal skulle må måtte bør får fikk fått få ' +
    'gjør gjorde gjort gjøre bare veldig litt mye helt også jo vel nå nok sånn slik altså liksom egentlig ' +
    'takk hei hallo heisann ok okei hmm eh øh vennligst gjerne please noe noen alle alt å a ' +
    'fordi siden etter før uten mellom hos ved mot hele selv dere deres man mange flere sånn så ' +
    // Wanting, needing and knowing say that help is asked for, not what for.
    'trenger trenge trengs ønsker ønske lyst vet vite lurer prøver hjelp hjelpe hva hvordan hvorfor hvem hvor når ' +
    'går gikk gått kommer kom sier sa tror ' +
    // Time words and particles say when or how, not what the difficulty is.
    'dag dager uke uker måned måneder år tid alltid fortsatt lenger mer igjen i dag i går i morgen natt kveld ' +
    'snart nylig lenge siste neste opp ned ut inn over bort tilbake rundt ' +
    // Answers and negations: they change a sentence's truth, not its topic.
    'ja jo nei ikke ikkje aldri'
  )
    .split(' ')
    .filter(Boolean)
    .map(foldNorwegian)
);

const tokenizer = new AggressiveTokenizerNo();

function tokenizeNorwegian(text: string): string[] {
  return (
    tokenizer
      .tokenize(foldNorwegian(text))
      .filter(Boolean)
      .flatMap(withParts)
  );
}

/** Norwegian Bokmål: folded spelling, natural's Norwegian tokenizer and Porter stemmer, compound parts. */
export const norwegianTools: LanguageTools = {
  tokenize: tokenized(memo(tokenizeNorwegian, 20_000)),
  // Training reads the same words in every model, and the stemmer is the slow part.
  stem: memo((word) => PorterStemmerNo.stem(word), 20_000),
  stopwords: STOPWORDS,
  minCorrectable: 4
};

/** The Norwegian Bokmål NLU pack. */
export function loadNorwegian(): LocalePack {
  return { locale: 'nb', data: parseNluData(localeFile, 'nb'), tools: norwegianTools };
}
