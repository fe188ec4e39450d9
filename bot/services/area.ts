import { DamerauLevenshteinDistance, JaroWinklerDistance } from 'natural/lib/natural/distance';
import type { AreaCheck, IntakeServices } from '../../dialogs/services';

/** A named place, with the other names people use for it. */
export interface Place {
  name: string;
  aliases: string[];
}

/** The agency's service area, as in the agency file. */
export interface ServiceArea {
  /** "0150" or inclusive ranges "0150-0190". */
  postcodes: string[];
  districts: Place[];
  /** Places known to be outside the area, so they are answered as such rather than as unknown. */
  outside?: Place[];
}

/** The part of IntakeServices this module provides. */
export type AreaChecker = Pick<IntakeServices, 'checkArea'>;

/**
 * Resolves what a person typed ("0150", "postcode 0150 Oslo", "riversid") against the service
 * area. A 4-digit postcode decides by itself; otherwise district names and aliases are matched
 * with a few typos forgiven.
 */
export function createAreaChecker(serviceArea: ServiceArea): AreaChecker {
  const inside = serviceArea.districts;
  const outside = serviceArea.outside ?? [];
  return {
    checkArea: async ({ text }): Promise<AreaCheck> => {
      const postcode = findPostcode(text);
      if (postcode) {
        return postcodeIn(postcode, serviceArea.postcodes)
          ? { kind: 'in_area', matched: postcode }
          : { kind: 'out_of_area', matched: postcode };
      }
      const best = bestPlace(text, [...inside, ...outside]);
      if (!best) return { kind: 'unrecognised' };
      return inside.includes(best) ? { kind: 'in_area', matched: best.name } : { kind: 'out_of_area', matched: best.name };
    }
  };
}

/** The first standalone 4-digit number in the text (full-width digits allowed), if any. */
export function findPostcode(text: string): string | undefined {
  return /(?<!\d)\d{4}(?!\d)/.exec(text.normalize('NFKC'))?.[0];
}

/** Whether a postcode is listed, directly or inside an inclusive range "0150-0190". */
export function postcodeIn(postcode: string, entries: readonly string[]): boolean {
  return entries.some((entry) => {
    const [low, high = low] = entry.split('-').map((part) => part.trim());
    // Same-length digit strings compare like numbers and keep leading zeros meaningful.
    return postcode.length === low.length && postcode >= low && postcode <= high;
  });
}

/**
 * The place whose name or alias best matches the text, or undefined. The text may hold more
 * words than the name ("I live in Riverside East"), so windows of its words are compared too.
 */
export function bestPlace<P extends Place>(text: string, places: readonly P[]): P | undefined {
  const words = tokens(text);
  if (words.length === 0) return undefined;
  let best: { place: P; edits: number; similarity: number } | undefined;
  for (const place of places) {
    for (const name of [place.name, ...place.aliases]) {
      const target = tokens(name).join(' ');
      if (!target) continue;
      for (const window of windows(words, target.split(' ').length)) {
        const edits = DamerauLevenshteinDistance(window, target);
        if (edits > allowedEdits(target)) continue;
        const similarity = JaroWinklerDistance(window, target);
        // Fewer edits wins; among equals, the closer-looking (then longer) name.
        if (!best || edits < best.edits || (edits === best.edits && similarity > best.similarity)) {
          best = { place, edits, similarity };
        }
      }
    }
  }
  return best?.place;
}

/** Lower-case words without accents; Chinese characters form their own words. */
export function tokens(text: string): string[] {
  const folded = text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/ø/g, 'o')
    .replace(/æ/g, 'ae');
  return folded.match(/\p{Script=Han}+|[^\p{Script=Han}\s\p{P}\p{S}]+/gu) ?? [];
}

/** Short names need to be exact; longer ones forgive a slip or two. */
function allowedEdits(target: string): number {
  if (target.length <= 3) return 0;
  if (target.length <= 7) return 1;
  return 2;
}

/** Consecutive word groups of about `size` words, so a name can be found inside a sentence. */
function windows(words: string[], size: number): string[] {
  const out: string[] = [];
  for (let n = Math.max(1, size - 1); n <= size + 1; n++) {
    for (let start = 0; start + n <= words.length; start++) out.push(words.slice(start, start + n).join(' '));
  }
  return out;
}
