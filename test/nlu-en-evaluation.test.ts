import localeFile from '../locales/en.json';
import { describeEvaluationSet } from './helpers/nlu-evaluation';

describeEvaluationSet('en', 'English', localeFile);
