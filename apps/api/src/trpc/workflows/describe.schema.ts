import { z } from 'zod';
import { executionFields } from './workflow-fields.ts';

export const describeInput = z.strictObject(executionFields);
export type DescribeInput = z.infer<typeof describeInput>;
