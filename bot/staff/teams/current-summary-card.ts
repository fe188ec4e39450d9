import type { IntakeRecord, Locale } from '../../../dialogs/types';
import type { CaseActions } from '../store/teams-case-actions';
import { summaryCard, type SummaryKind } from './summary-card';

/** What it takes to draw an intake's card as it stands now. */
export interface CurrentCardDeps {
  caseActions: CaseActions;
  staffLocale: Locale;
  timeZone: string;
  /** The eco-map's address for a reference, or undefined when images cannot be linked. */
  ecoMapUrl(reference: string): string | undefined;
}

/** The summary card of an intake with who has the case and what was done, for posting or updating. */
export async function currentSummaryCard(deps: CurrentCardDeps, kind: SummaryKind, record: IntakeRecord, reference: string) {
  return summaryCard({
    kind,
    record: { ...record, reference },
    state: await deps.caseActions.state(reference),
    staffLocale: deps.staffLocale,
    timeZone: deps.timeZone,
    ecoMapUrl: record.resources.length > 0 ? deps.ecoMapUrl(reference) : undefined
  });
}
