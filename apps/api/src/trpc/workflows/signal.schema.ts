import { z } from 'zod';
import { executionFields } from './workflow-fields.ts';

/** Signal input as typed in the console: JSON text, sent as one json/plain payload. */
export const MAX_SIGNAL_INPUT_BYTES = 256 * 1024;

export const signalInput = z.strictObject({
  ...executionFields,
  signalName: z
    .string({ error: 'must be a string' })
    .trim()
    .min(1, 'must not be empty')
    .max(255, 'must be at most 255 characters'),
  input: z
    .string({ error: 'must be JSON text' })
    .max(MAX_SIGNAL_INPUT_BYTES, `must be at most ${MAX_SIGNAL_INPUT_BYTES / 1024} KiB`)
    .refine((text) => Buffer.byteLength(text, 'utf8') <= MAX_SIGNAL_INPUT_BYTES, {
      message: `must be at most ${MAX_SIGNAL_INPUT_BYTES / 1024} KiB`,
    })
    .refine(
      (text) => {
        try {
          JSON.parse(text);
          return true;
        } catch {
          return false;
        }
      },
      { message: 'must be valid JSON (e.g. {"approved": true}, "text" or null)' },
    )
    .optional(),
});
export type SignalInput = z.infer<typeof signalInput>;
