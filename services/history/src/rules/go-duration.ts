/**
 * Go's duration syntax (`time.ParseDuration`), which Temporal's cron parser uses for `@every <duration>`:
 * an optional sign, then one or more decimal numbers each followed by a unit (`ns`, `us`, `µs`, `ms`,
 * `s`, `m`, `h`), e.g. `90s`, `1h30m`, `1.5s`; a bare `0` is also valid. Answers milliseconds (may be
 * fractional or negative), or undefined when the text is not a Go duration.
 */
const unitMs: Readonly<Record<string, number>> = {
  ns: 1e-6,
  us: 1e-3,
  µs: 1e-3,
  μs: 1e-3,
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
};

const term = /^(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h)/;

export function parseGoDurationMs(text: string): number | undefined {
  let rest = text;
  let sign = 1;
  if (rest.startsWith('-') || rest.startsWith('+')) {
    sign = rest.startsWith('-') ? -1 : 1;
    rest = rest.slice(1);
  }
  if (rest === '0') return 0;
  if (rest === '') return undefined;
  let totalMs = 0;
  while (rest !== '') {
    const match = term.exec(rest);
    if (!match) return undefined;
    totalMs += Number(match[1]) * unitMs[match[2]!]!;
    rest = rest.slice(match[0].length);
  }
  return sign * totalMs;
}
