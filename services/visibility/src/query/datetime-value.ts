// Datetime values in filters: Temporal accepts RFC 3339 strings (with up to nanosecond fractions and
// a Z or ±hh:mm offset) and integers counted in Unix nanoseconds. Both normalise to one UTC string,
// `YYYY-MM-DDTHH:MM:SS[.fraction]Z`, which Postgres (timestamptz, microseconds) and OpenSearch
// (date_nanos) both read.

const RFC3339 =
  /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(?:([Zz])|([+-])(\d{2}):(\d{2}))$/;

const NANOS_PER_SECOND = 1_000_000_000n;

/** The normalised UTC string, or undefined when `text` is not a valid RFC 3339 datetime. */
export function normalizeRfc3339(text: string): string | undefined {
  const match = RFC3339.exec(text);
  if (match === null) return undefined;
  const [, year, month, day, hour, minute, second, fraction, , sign, offsetHours, offsetMinutes] = match;
  const fields = [year, month, day, hour, minute, second].map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const [y, mo, d, h, mi, s] = fields;
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo) || h > 23 || mi > 59 || s > 59) return undefined;
  let offsetMinutesTotal = 0;
  if (sign !== undefined) {
    const oh = Number(offsetHours);
    const om = Number(offsetMinutes);
    if (oh > 23 || om > 59) return undefined;
    offsetMinutesTotal = (sign === '-' ? -1 : 1) * (oh * 60 + om);
  }
  const date = new Date(0);
  date.setUTCFullYear(y, mo - 1, d);
  date.setUTCHours(h, mi - offsetMinutesTotal, s, 0);
  return formatUtc(date, fraction ?? '');
}

/** Unix nanoseconds to the normalised UTC string; undefined outside years 0000–9999. */
export function unixNanosToRfc3339(nanos: bigint): string | undefined {
  let seconds = nanos / NANOS_PER_SECOND;
  let remainder = nanos % NANOS_PER_SECOND;
  if (remainder < 0n) {
    remainder += NANOS_PER_SECOND;
    seconds -= 1n;
  }
  const date = new Date(Number(seconds) * 1000);
  if (Number.isNaN(date.getTime())) return undefined;
  return formatUtc(date, remainder.toString().padStart(9, '0'));
}

function formatUtc(date: Date, fraction: string): string | undefined {
  const year = date.getUTCFullYear();
  if (year < 0 || year > 9999) return undefined;
  const pad = (value: number, width = 2): string => value.toString().padStart(width, '0');
  const trimmed = fraction.replace(/0+$/, '');
  return (
    `${pad(year, 4)}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}` +
    `T${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}` +
    `${trimmed === '' ? '' : `.${trimmed}`}Z`
  );
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysInMonth(year: number, month: number): number {
  return month === 2 && isLeapYear(year) ? 29 : (DAYS_IN_MONTH[month - 1] ?? 0);
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}
