import { DateTime } from 'luxon';
import type { AgencyConfig } from '../../config/agency';
import { isOpenAt } from '../../services/hours';
import type { QueueFigures } from '../../store/intake-queue';

/** The tab's small dashboard. */
export interface Dashboard {
  perCategoryWeek: Array<{ week: string; category: string; count: number }>;
  afterHoursShare: number;
  outcomes: Record<string, number>;
  leftAt: Array<{ stage: string; count: number }>;
}

/** Groups intakes by ISO week (in the agency's time zone) and category, and counts the rest. */
export function buildDashboard(figures: QueueFigures, agency: Pick<AgencyConfig, 'openingHours' | 'holidays' | 'timeZone'>): Dashboard {
  const weeks = new Map<string, number>();
  const outcomes: Record<string, number> = {};
  let afterHours = 0;
  for (const intake of figures.created) {
    const week = DateTime.fromJSDate(intake.createdAt, { zone: agency.timeZone }).toFormat("kkkk-'W'WW");
    const key = `${week}|${intake.category}`;
    weeks.set(key, (weeks.get(key) ?? 0) + 1);
    outcomes[intake.outcome] = (outcomes[intake.outcome] ?? 0) + 1;
    if (!isOpenAt(agency.openingHours, agency.holidays, agency.timeZone, intake.createdAt)) afterHours += 1;
  }
  return {
    perCategoryWeek: [...weeks].map(([key, count]) => {
      const [week = '', category = ''] = key.split('|');
      return { week, category, count };
    }).sort((a, b) => (a.week === b.week ? a.category.localeCompare(b.category) : b.week.localeCompare(a.week))),
    afterHoursShare: figures.created.length === 0 ? 0 : afterHours / figures.created.length,
    outcomes,
    leftAt: figures.leftAt
  };
}
