// The text form of a calendar field, shared by cron strings and CalendarSpec: `*`, `5`, `1-5`, `*/15`,
// `10/5` (10 to the maximum, every 5), `1-5/2`, comma lists, and names for months (JAN or January)
// and days of the week (SUN or Sunday, 7 = Sunday), case-insensitive.
import { calendarFieldBounds, normalizeRange, type CalendarField, type NormalizedRange } from './calendar.ts';

const monthNames = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const dayNames = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
const fullMonthNames = monthNames.map((_, index) =>
  new Date(Date.UTC(2000, index, 1))
    .toLocaleString('en-US', { month: 'long', timeZone: 'UTC' })
    .toLowerCase(),
);
const fullDayNames = dayNames.map((_, index) =>
  new Date(Date.UTC(2000, 0, 2 + index))
    .toLocaleString('en-US', { weekday: 'long', timeZone: 'UTC' })
    .toLowerCase(),
);

/** Parses one field; returns the ranges, or the problem (in Temporal's words where it has some). */
export function parseCalendarField(field: CalendarField, text: string): NormalizedRange[] | string {
  const bounds = calendarFieldBounds[field];
  const ranges: NormalizedRange[] = [];
  for (const item of text.trim().split(',')) {
    const [span = '', stepText, extra] = item.trim().split('/');
    if (extra !== undefined || span === '') return `invalid ${bounds.label} field ${JSON.stringify(text)}`;
    let step = 1;
    if (stepText !== undefined) {
      if (!/^\d+$/.test(stepText) || Number(stepText) === 0) {
        return `invalid step in ${bounds.label} field ${JSON.stringify(text)}`;
      }
      step = Number(stepText);
    }
    let start: number | undefined;
    let end: number | undefined;
    if (span === '*') {
      start = bounds.min;
      end = bounds.max;
      if (field === 'year' && stepText === undefined) continue; // `*` years: no ranges = every year
    } else {
      const [first = '', last, more] = span.split('-');
      if (more !== undefined) return `invalid ${bounds.label} field ${JSON.stringify(text)}`;
      start = valueOf(field, first);
      end = last === undefined ? (stepText === undefined ? start : bounds.max) : valueOf(field, last);
    }
    if (start === undefined || end === undefined) {
      return `invalid ${bounds.label} field ${JSON.stringify(text)}`;
    }
    if (field === 'dayOfWeek' && end === 7) {
      // 7 is Sunday again: `7` alone is 0; a range reaching it also matches Sunday when its step lands there.
      if (start === 7) {
        start = 0;
        end = 0;
      } else {
        if (start > 0 && (7 - start) % step === 0) ranges.push({ start: 0, end: 0, step: 1 });
        end = 6;
      }
    }
    const range = normalizeRange(field, { start, end, step });
    if (typeof range === 'string') return range;
    if (end < start) return `invalid ${bounds.label} range ${JSON.stringify(item)}: end before start`;
    ranges.push(range);
  }
  return ranges;
}

function valueOf(field: CalendarField, text: string): number | undefined {
  if (/^\d+$/.test(text)) return Number(text);
  const name = text.toLowerCase();
  const names =
    field === 'month' ? [monthNames, fullMonthNames] : field === 'dayOfWeek' ? [dayNames, fullDayNames] : [];
  for (const list of names) {
    const index = list.indexOf(name);
    if (index >= 0) return field === 'month' ? index + 1 : index;
  }
  return undefined;
}
