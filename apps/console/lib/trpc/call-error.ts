/**
 * A failed tRPC call as the pages show it: the server's message, its tRPC code, and the
 * field-level messages the api's errorFormatter puts in `error.data.fieldErrors` for bad input.
 * Read defensively: a relay failure or a network error has no `data` at all.
 */
export interface CallError {
  message: string;
  code: string | undefined;
  fieldErrors: Readonly<Record<string, readonly string[]>>;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function readFieldErrors(data: unknown): Record<string, string[]> {
  if (!isRecord(data) || !isRecord(data.fieldErrors)) return {};
  const result: Record<string, string[]> = {};
  for (const [field, messages] of Object.entries(data.fieldErrors)) {
    if (Array.isArray(messages)) result[field] = messages.filter((m): m is string => typeof m === 'string');
  }
  return result;
}

export function describeCallError(error: unknown): CallError {
  if (!(error instanceof Error)) return { message: String(error), code: undefined, fieldErrors: {} };
  const data: unknown = 'data' in error ? error.data : undefined;
  const code = isRecord(data) && typeof data.code === 'string' ? data.code : undefined;
  // fetch() failing in the browser means the console itself is unreachable.
  const message =
    error.name === 'TypeError' && code === undefined
      ? 'The console could not be reached; check your connection and try again.'
      : error.message;
  return { message, code, fieldErrors: readFieldErrors(data) };
}

/** Messages for one field, also matching nested paths such as `scope.namespaces`. */
export function messagesFor(error: CallError | undefined, field: string): readonly string[] {
  if (error === undefined) return [];
  return Object.entries(error.fieldErrors)
    .filter(([path]) => path === field || path.startsWith(`${field}.`))
    .flatMap(([, messages]) => messages);
}
