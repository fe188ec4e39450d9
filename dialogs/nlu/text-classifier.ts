import LogisticRegressionClassifier from 'natural/lib/natural/classifiers/logistic_regression_classifier';

/**
 * Which of natural's classifiers to use. Bayes is the default. Measured on the English data and
 * the held-out set of test/nlu.test.ts: both reach 0.92 top-1 accuracy, but logistic regression
 * trains in about 14 minutes (Bayes: about 50 ms) and its probabilities are so flat that most
 * guesses fall below the 'other' threshold (0.23 accuracy after it).
 */
export type ClassifierKind = 'bayes' | 'logistic';

/** A label with a probability; the probabilities of one ranking sum to 1. */
export interface Ranked {
  label: string;
  probability: number;
}

/** Most features scored at once; more would push natural's Bayes scores towards underflow. */
const MAX_FEATURES = 40;
const PART = '\u0000';

/**
 * natural's Bayes (with apparatus underneath), computed sparsely. natural turns every document into
 * a vector as long as the whole vocabulary to train, and walks that vector for every label to
 * score, which cost hundreds of milliseconds to train and milliseconds per message once the
 * vocabulary and the number of labels grew. This keeps the same counts and the same arithmetic,
 * in the same order, over the features present only:
 *
 * - a label's total starts at 1 and counts its documents; the example total starts at 1 too;
 * - a feature's count in a label starts at 1 + smoothing on its first document and counts up;
 * - a score is prior × exp(Σ log((count or smoothing) / label total)), labels sorted by score.
 */
class SparseBayes {
  private readonly labels: string[] = [];
  private readonly labelIndex = new Map<string, number>();
  private readonly counts = new Map<string, Map<number, number>>();
  private readonly totals: number[] = [];
  private totalExamples = 1;
  /** Per feature: the log term of every label, in label order. */
  private logs = new Map<string, Float64Array>();
  private priors = new Float64Array(0);

  constructor(private readonly smoothing: number) {}

  addDocument(features: string[], label: string): void {
    let at = this.labelIndex.get(label);
    if (at === undefined) {
      at = this.labels.length;
      this.labels.push(label);
      this.labelIndex.set(label, at);
      this.totals.push(1);
    }
    this.totalExamples++;
    this.totals[at]++;
    for (const feature of new Set(features)) {
      let byLabel = this.counts.get(feature);
      if (byLabel === undefined) this.counts.set(feature, (byLabel = new Map()));
      const count = byLabel.get(at);
      byLabel.set(at, count === undefined ? 1 + this.smoothing : count + 1);
    }
  }

  train(): void {
    const size = this.labels.length;
    const missing = new Float64Array(size);
    for (let j = 0; j < size; j++) missing[j] = Math.log(this.smoothing / this.totals[j]);
    this.logs = new Map();
    for (const [feature, byLabel] of this.counts) {
      const row = Float64Array.from(missing);
      for (const [j, count] of byLabel) row[j] = Math.log(count / this.totals[j]);
      this.logs.set(feature, row);
    }
    this.priors = Float64Array.from(this.totals, (total) => total / this.totalExamples);
  }

  /** Labels with natural's score, highest first (ties in the order labels were first seen). */
  classifications(features: string[]): Array<{ label: string; value: number }> {
    const size = this.labels.length;
    const sums = new Float64Array(size);
    for (const feature of new Set(features)) {
      const row = this.logs.get(feature);
      if (row === undefined) continue;
      for (let j = 0; j < size; j++) sums[j] += row[j];
    }
    const out = new Array<{ label: string; value: number }>(size);
    for (let j = 0; j < size; j++) out[j] = { label: this.labels[j], value: this.priors[j] * Math.exp(sums[j]) };
    return out.sort((a, b) => b.value - a.value);
  }
}

/**
 * A wrapper around natural's classifiers that takes ready-made features (so each locale tokenizes
 * and stems its own way) and returns normalised probabilities.
 *
 * natural's Bayes scores a class only by the features present, each divided by the class's
 * document count, so a big class (like "not a question") loses to small ones on every word it has
 * not seen. Big labels are therefore trained as parts about the size of the typical label and
 * their probabilities summed back: the prior stays right and the classes compare fairly.
 */
export class TextClassifier {
  private readonly classifier: SparseBayes | LogisticRegressionClassifier;
  private readonly known = new Set<string>();
  private readonly docs = new Map<string, string[][]>();

  /**
   * @param smoothing Bayes pseudo-count for a word never seen with a label. Below 1 it lets one
   *   distinctive word ("detox") outweigh a common one ("place").
   */
  constructor(
    readonly kind: ClassifierKind = 'bayes',
    smoothing = 1
  ) {
    this.classifier = kind === 'bayes' ? new SparseBayes(smoothing) : new LogisticRegressionClassifier();
  }

  /** Adds one training document; documents without features are skipped. */
  add(features: string[], label: string): void {
    if (features.length === 0) return;
    const list = this.docs.get(label) ?? [];
    list.push(features);
    this.docs.set(label, list);
    for (const feature of features) this.known.add(feature);
  }

  train(): void {
    const sizes = [...this.docs.values()].map((d) => d.length).sort((a, b) => a - b);
    const part = Math.max(1, sizes[Math.floor(sizes.length / 2)] ?? 1);
    for (const [label, docs] of this.docs) {
      const parts = this.kind === 'bayes' ? Math.max(1, Math.round(docs.length / part)) : 1;
      const size = Math.ceil(docs.length / parts);
      docs.forEach((features, i) => {
        this.classifier.addDocument(features, parts === 1 ? label : `${label}${PART}${Math.floor(i / size)}`);
      });
    }
    this.classifier.train();
  }

  /** The features the classifier has seen in training, at most as many as it scores. */
  knownFeatures(features: string[]): string[] {
    return features.filter((f) => this.known.has(f)).slice(0, MAX_FEATURES);
  }

  /** Labels from most to least likely; empty when no feature was seen in training. */
  rank(features: string[]): Ranked[] {
    const known = this.knownFeatures(features);
    if (known.length === 0) return [];
    const sums = new Map<string, number>();
    const scored = this.classifier instanceof SparseBayes ? this.classifier.classifications(known) : this.classifier.getClassifications(known);
    for (const s of scored) {
      const label = s.label.split(PART)[0];
      sums.set(label, (sums.get(label) ?? 0) + s.value);
    }
    const total = [...sums.values()].reduce((sum, v) => sum + v, 0);
    if (!(total > 0) || !Number.isFinite(total)) return [];
    return [...sums].map(([label, v]) => ({ label, probability: v / total })).sort((a, b) => b.probability - a.probability);
  }
}
