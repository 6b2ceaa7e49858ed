// ExecutionDuration is stored in nanoseconds. Like Temporal, a filter may give it as an integer
// (nanoseconds), or as a string holding nanoseconds, a Go-style duration ("300ms", "1.5h", "2h45m",
// plus "d" for days, optionally signed) or "hh:mm:ss".

const UNIT_NANOS: Readonly<Record<string, bigint>> = {
  ns: 1n,
  us: 1_000n,
  µs: 1_000n,
  μs: 1_000n,
  ms: 1_000_000n,
  s: 1_000_000_000n,
  m: 60_000_000_000n,
  h: 3_600_000_000_000n,
  d: 86_400_000_000_000n,
};

const GO_DURATION_PART = /([0-9]*)(?:\.([0-9]*))?(ns|us|µs|μs|ms|s|m|h|d)/y;
const HHMMSS = /^([0-9]+):([0-5][0-9]):([0-5][0-9])$/;
const INT64_MAX = 9223372036854775807n;

/** Nanoseconds, or undefined when `text` is no duration Temporal would accept. */
export function parseDurationNanos(text: string): bigint | undefined {
  if (/^[+-]?[0-9]+$/.test(text)) return clampToInt64(BigInt(text));
  return parseGoDuration(text) ?? parseHhMmSs(text);
}

function parseGoDuration(text: string): bigint | undefined {
  let index = 0;
  let negative = false;
  if (text[0] === '-' || text[0] === '+') {
    negative = text[0] === '-';
    index = 1;
  }
  if (index === text.length) return undefined;
  let total = 0n;
  while (index < text.length) {
    GO_DURATION_PART.lastIndex = index;
    const match = GO_DURATION_PART.exec(text);
    if (match === null) return undefined;
    const [whole, integer = '', fraction = '', unit = ''] = match;
    if (integer === '' && fraction === '') return undefined;
    const scale = UNIT_NANOS[unit] as bigint;
    total += BigInt(integer === '' ? '0' : integer) * scale;
    if (fraction !== '') total += (BigInt(fraction) * scale) / 10n ** BigInt(fraction.length);
    index += whole.length;
  }
  return clampToInt64(negative ? -total : total);
}

function parseHhMmSs(text: string): bigint | undefined {
  const match = HHMMSS.exec(text);
  if (match === null) return undefined;
  const [, hours = '0', minutes = '0', seconds = '0'] = match;
  const totalSeconds = BigInt(hours) * 3600n + BigInt(minutes) * 60n + BigInt(seconds);
  return clampToInt64(totalSeconds * (UNIT_NANOS.s as bigint));
}

function clampToInt64(value: bigint): bigint | undefined {
  return value > INT64_MAX || value < -INT64_MAX - 1n ? undefined : value;
}
