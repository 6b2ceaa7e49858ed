import { z } from 'zod';

export const listInput = z
  .strictObject({
    cursor: z
      .string({ error: 'must be a string' })
      .max(200, 'is not a cursor returned by audit.list')
      .optional(),
    limit: z
      .number({ error: 'must be a number' })
      .int('must be a whole number')
      .min(1, 'must be 1 to 100')
      .max(100, 'must be 1 to 100')
      .default(50),
  })
  .default({ limit: 50 });
export type ListInput = z.infer<typeof listInput>;
