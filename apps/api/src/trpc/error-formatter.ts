import { InvalidArgument } from '@kairos/errors';
import type { TRPCDefaultErrorShape, TRPCError } from '@trpc/server';
import { ZodError } from 'zod';

/** `data.fieldErrors` of a BAD_REQUEST: field path (dotted; `input` for the whole input) → problems. */
export type FieldErrors = Record<string, string[]>;

export type KairosErrorShape = TRPCDefaultErrorShape & {
  data: TRPCDefaultErrorShape['data'] & { fieldErrors?: FieldErrors };
};

function zodFieldErrors(error: ZodError): FieldErrors {
  const fieldErrors: FieldErrors = {};
  for (const issue of error.issues) {
    const field = issue.path.length === 0 ? 'input' : issue.path.map(String).join('.');
    (fieldErrors[field] ??= []).push(issue.message);
  }
  return fieldErrors;
}

/**
 * Shapes every error the console receives: bad input becomes BAD_REQUEST with `data.fieldErrors` and a
 * message naming each field ("email: Invalid email address"); the stack never leaves the server.
 */
export function formatError({
  shape,
  error,
}: {
  shape: TRPCDefaultErrorShape;
  error: TRPCError;
}): KairosErrorShape {
  const { stack: _stack, ...data } = shape.data;
  let fieldErrors: FieldErrors | undefined;
  if (error.cause instanceof ZodError) fieldErrors = zodFieldErrors(error.cause);
  else if (error.cause instanceof InvalidArgument && error.cause.field !== undefined)
    fieldErrors = { [error.cause.field]: [error.cause.message.replace(`${error.cause.field}: `, '')] };
  if (!fieldErrors) return { ...shape, data };
  const message = Object.entries(fieldErrors)
    .map(([field, problems]) => `${field}: ${problems.join(', ')}`)
    .join('; ');
  return { ...shape, message, data: { ...data, fieldErrors } };
}
