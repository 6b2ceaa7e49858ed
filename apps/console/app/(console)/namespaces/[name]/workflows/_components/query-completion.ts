/**
 * Completion for the list filter box: the word being typed at the caret, and the attribute names
 * that start with it. Pure, so it is easy to reason about; the box only renders what this returns.
 */
export interface CompletionContext {
  /** The partial name before the caret (may be empty). */
  prefix: string;
  /** Where that partial name starts in the text. */
  start: number;
}

const NAME_CHARS = /[A-Za-z0-9_-]/;
const KEYWORDS = new Set(['AND', 'OR', 'NOT', 'IN', 'BETWEEN', 'IS', 'NULL', 'ORDER', 'BY', 'ASC', 'DESC']);

/** The name being typed at `caret`, or undefined inside a quoted value. */
export function completionContext(text: string, caret: number): CompletionContext | undefined {
  const before = text.slice(0, caret);
  // An odd number of quotes before the caret means the caret is inside a string value.
  if ((before.match(/'/g) ?? []).length % 2 === 1 || (before.match(/"/g) ?? []).length % 2 === 1)
    return undefined;
  let start = caret;
  while (start > 0 && NAME_CHARS.test(before.charAt(start - 1))) start--;
  const prefix = before.slice(start);
  if (KEYWORDS.has(prefix.toUpperCase()) && prefix.length > 1) return undefined;
  return { prefix, start };
}

export function matchingNames(names: readonly string[], prefix: string, limit = 8): string[] {
  const lower = prefix.toLowerCase();
  return names.filter((name) => name.toLowerCase().startsWith(lower) && name !== prefix).slice(0, limit);
}

/** The text with the partial name replaced by `name`, and where the caret goes after it. */
export function applyCompletion(
  text: string,
  context: CompletionContext,
  caret: number,
  name: string,
): { text: string; caret: number } {
  const next = `${text.slice(0, context.start)}${name} ${text.slice(caret).replace(/^\s+/, '')}`;
  return { text: next, caret: context.start + name.length + 1 };
}

/** The 1-based position the server named in a filter error (`… at position 12`), if any. */
export function errorPosition(message: string): number | undefined {
  const match = /at position (\d+)/.exec(message);
  return match ? Number(match[1]) : undefined;
}
