/**
 * Types for the deep imports of natural's Norwegian and German tokenizers and stemmers (see
 * natural-deep.d.ts for why single modules are imported rather than the package root).
 */

declare module 'natural/lib/natural/stemmers/porter_stemmer_no' {
  import type { Stemmer } from 'natural/lib/natural/stemmers';
  const PorterStemmerNo: Stemmer;
  export = PorterStemmerNo;
}

declare module 'natural/lib/natural/stemmers/porter_stemmer_de' {
  import type { Stemmer } from 'natural/lib/natural/stemmers';
  const PorterStemmerDe: Stemmer;
  export = PorterStemmerDe;
}

declare module 'natural/lib/natural/tokenizers/aggressive_tokenizer_no' {
  class AggressiveTokenizerNo {
    tokenize(text: string): string[];
  }
  export = AggressiveTokenizerNo;
}

declare module 'natural/lib/natural/tokenizers/aggressive_tokenizer_de' {
  class AggressiveTokenizerDe {
    tokenize(text: string): string[];
  }
  export = AggressiveTokenizerDe;
}
