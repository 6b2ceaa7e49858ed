import { describe, expect, it } from 'vitest';
import { parseCalendarField } from './calendar-text.ts';

describe('parseCalendarField', () => {
  it('reads values, ranges, steps, lists and names', () => {
    expect(parseCalendarField('minute', '*/15')).toEqual([{ start: 0, end: 59, step: 15 }]);
    expect(parseCalendarField('minute', '10/20')).toEqual([{ start: 10, end: 59, step: 20 }]);
    expect(parseCalendarField('hour', '9-17/2,23')).toEqual([
      { start: 9, end: 17, step: 2 },
      { start: 23, end: 23, step: 1 },
    ]);
    expect(parseCalendarField('month', 'jan,December')).toEqual([
      { start: 1, end: 1, step: 1 },
      { start: 12, end: 12, step: 1 },
    ]);
    expect(parseCalendarField('year', '*')).toEqual([]);
  });

  it('treats 7 as Sunday, also at the end of a range', () => {
    expect(parseCalendarField('dayOfWeek', '7')).toEqual([{ start: 0, end: 0, step: 1 }]);
    expect(parseCalendarField('dayOfWeek', 'FRI-7')).toEqual([
      { start: 0, end: 0, step: 1 },
      { start: 5, end: 6, step: 1 },
    ]);
    expect(parseCalendarField('dayOfWeek', '0-7')).toEqual([{ start: 0, end: 6, step: 1 }]);
  });

  it('returns the problem for what it cannot read', () => {
    expect(parseCalendarField('dayOfMonth', 'L')).toMatch(/invalid DayOfMonth field/);
    expect(parseCalendarField('hour', '5-3')).toMatch(/end before start/);
    expect(parseCalendarField('minute', '*/0')).toMatch(/invalid step/);
    expect(parseCalendarField('second', '60')).toBe('Second is not in range [0-59]');
  });
});
