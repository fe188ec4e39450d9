/**
 * Types for the deep imports of `natural` used by the NLU. Importing the package root loads every
 * storage backend (about a second), so we load single modules and borrow natural's own types.
 */

declare module 'natural/lib/natural/classifiers/bayes_classifier' {
  import { BayesClassifier } from 'natural/lib/natural/classifiers';
  export = BayesClassifier;
}

declare module 'natural/lib/natural/classifiers/logistic_regression_classifier' {
  import { LogisticRegressionClassifier } from 'natural/lib/natural/classifiers';
  export = LogisticRegressionClassifier;
}

declare module 'natural/lib/natural/stemmers/porter_stemmer' {
  import type { Stemmer } from 'natural/lib/natural/stemmers';
  const PorterStemmer: Stemmer;
  export = PorterStemmer;
}

declare module 'natural/lib/natural/tokenizers/aggressive_tokenizer' {
  class AggressiveTokenizer {
    tokenize(text: string): string[];
  }
  export = AggressiveTokenizer;
}
