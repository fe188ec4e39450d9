import AggressiveTokenizerDe from 'natural/lib/natural/tokenizers/aggressive_tokenizer_de';
import PorterStemmerDe from 'natural/lib/natural/stemmers/porter_stemmer_de';
import localeFile from '../../../locales/de.json';
import type { LanguageTools, LocalePack } from '../language';
import { addCompoundParts, MIN_COMPOUND } from '../compounds';
import { parseNluData } from '../locale-data';
import { memo, tokenized } from '../memo';

/**
 * Many people type German without umlauts ("ueber", "Kuendigung", "Strasse"). Every text is folded
 * to that spelling (ä → ae, ö → oe, ü → ue, ß → ss, other accents dropped) before it is split, so
 * both spellings meet the same training words. Apostrophes go ("geht's" = "gehts") and hyphens
 * inside a word join it ("E-Mail" = "email", "Hartz-IV" = "hartziv").
 */
export function foldGerman(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/ä/g, 'ae')
    .replace(/ö/g, 'oe')
    .replace(/ü/g, 'ue')
    .replace(/ß/g, 'ss')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/['\u2019]/g, '')
    .replace(/(\p{L})-(?=\p{L})/gu, '$1');
}

/**
 * Parts of compounds that name a topic. German writes "Mietschulden", "Stromrechnung" and
 * "Spielsucht" as one word; a long word that starts with or contains one of these also counts as
 * the part, so a compound never seen in training still says what it is about. Folded spelling.
 */
const PARTS = [
  'schulden', 'rechnung', 'geld', 'inkasso', 'kredit', 'konto', 'lohn', 'gehalt', 'rente', 'strom', 'buergergeld', 'sozialhilfe', 'mahnung', 'pfaendung', 'finanz',
  'miete', 'wohnung', 'wohn', 'vermieter', 'kuendigung', 'raeumung', 'obdach', 'schimmel', 'unterkunft', 'zimmer', 'nebenkosten',
  'arbeit', 'job', 'chef', 'kollege', 'bewerbung', 'stelle', 'vertrag', 'entlass', 'ausbildung', 'schicht', 'firma', 'betrieb',
  'familie', 'kind', 'eltern', 'scheidung', 'trennung', 'sorgerecht', 'erziehung', 'unterhalt', 'schwanger', 'partnerschaft', 'ehe', 'teenager', 'pubertaet',
  'depress', 'angst', 'panik', 'einsam', 'psych', 'trauer', 'stress', 'trauma', 'schlaf', 'burnout', 'therapie', 'seele',
  'sucht', 'alkohol', 'trink', 'drogen', 'kokain', 'heroin', 'cannabis', 'kiff', 'spiel', 'wett', 'casino', 'zock', 'entzug', 'abhaengig',
  'gewalt', 'schlaeg', 'pruegel', 'frauenhaus', 'missbrauch', 'misshandl', 'bedroh', 'drohung', 'stalk', 'kontroll',
  'krank', 'behinder', 'rollstuhl', 'pflege', 'demenz', 'autis', 'diagnose', 'gesundheit', 'arzt', 'krebs', 'reha', 'chronisch',
  'brand', 'feuer', 'hochwasser', 'flut', 'ueberschwemm', 'ueberflut', 'sturm', 'unwetter', 'erdbeben', 'erdrutsch', 'wasserschaden', 'evakuier', 'katastroph', 'hagel',
  'asyl', 'aufenthalt', 'visum', 'anwalt', 'gericht', 'abschieb', 'einbuerger', 'staatsangehoerig', 'duldung', 'polizei', 'strafe', 'auslaenderbehoerde', 'familiennachzug',
  'formular', 'kurs', 'deutsch', 'ehrenamt', 'kleidung', 'computer', 'internet'
].sort((a, b) => b.length - a.length);

/** "Trennung" and "trennen", "Kündigung" and "kündigen": the noun also counts as its verb. */
const NOUN_ENDING = /(?:ungen|ung)$/;
/** "gekündigt", "gespielt", "geräumt": a past participle also counts as its verb ("kündig", "spiel"). */
const PARTICIPLE = /^ge([a-z]{4,})t$/;
const NOT_PARTICIPLE = /(?:heit|keit|schaft|icht)$/;

/** The word, then the verb of an -ung noun and the topic parts it is built from, if any. */
function withParts(word: string): string[] {
  if (word.length < MIN_COMPOUND) return [word];
  const out = [word];
  const verb = word.replace(NOUN_ENDING, '');
  if (verb !== word && verb.length >= 4) out.push(verb);
  const participle = PARTICIPLE.exec(word);
  if (participle !== null && !NOT_PARTICIPLE.test(word)) out.push(participle[1]);
  return addCompoundParts(word, PARTS, out);
}

// Function words that carry no hint of a service category; negations, pronouns and question
// words are kept for the crisis and FAQ models, which read every token.
const STOPWORDS = new Set(
  (
    'der die das den dem des ein eine einen einem einer eines und oder aber wenn dass als wie so zu von vom zum zur ' +
    'in im an am auf aus bei mit nach seit für über unter um bis durch gegen ohne vor hinter ' +
    'ich mich mir mein meine meinen meinem meiner wir uns unser unsere du dich dir dein deine sie ihr ihre ihnen ihm ihn er es ' +
    'man sich sein seine seinen seinem ist bin bist sind war waren gewesen sein wird werde werden wurde wurden worden ' +
    'habe hab hat haben hatte hatten gehabt kann können konnte könnte muss müssen musste soll sollte will wollen wollte ' +
    'möchte möchten würde würden darf mag tun tue tut machen mache macht gemacht ' +
    'bitte danke hallo hi hey ok okay also halt eben ja doch mal auch noch schon nur sehr ganz echt total einfach irgendwie ' +
    'etwas was alles alle viel viele mehr weniger gerade eigentlich äh ähm hmm ' +
    'beim ins fürs aufs übers weil deshalb dann denn sonst dabei damit davon dazu ' +
    // Wanting, needing and knowing say that help is asked for, not what for.
    'brauche brauchen braucht benötige hilfe helfen helfe hilft weiß weiss wissen weiter sorgen sorge ' +
    'wie warum wer wo wann gibt gibts geht gehen komme kommt kommen sagen sagt gesagt glaube ' +
    // Time words and particles say when or how, not what the difficulty is.
    'tag tage tagen woche wochen monat monate monaten jahr jahre jahren zeit immer jetzt heute gestern morgen nacht abend ' +
    'bald letzte letzten letztes nächste nächsten wieder oft hier da dort ' +
    // Answers and negations: they change a sentence's truth, not its topic.
    'nein nicht kein keine keinen keiner nie niemals'
  )
    .split(' ')
    .filter(Boolean)
    .map(foldGerman)
);

const tokenizer = new AggressiveTokenizerDe();

function tokenizeGerman(text: string): string[] {
  return (
    tokenizer
      .tokenize(foldGerman(text))
      .map((word) => word.replace(/^[-']+|[-']+$/g, ''))
      .filter(Boolean)
      .flatMap(withParts)
  );
}

/** German: folded spelling, natural's German tokenizer and Porter (Snowball) stemmer, compound parts. */
export const germanTools: LanguageTools = {
  tokenize: tokenized(memo(tokenizeGerman, 20_000)),
  // Training reads the same words in every model, and the stemmer is the slow part.
  stem: memo((word) => PorterStemmerDe.stem(word), 20_000),
  stopwords: STOPWORDS,
  minCorrectable: 4
};

/** The German NLU pack. */
export function loadGerman(): LocalePack {
  return { locale: 'de', data: parseNluData(localeFile, 'de'), tools: germanTools };
}
