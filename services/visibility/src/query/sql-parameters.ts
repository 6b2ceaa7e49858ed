import type { TypedValue } from './checked-tree.ts';

/**
 * Collects query parameters and hands out their `$n` placeholders. Every value and every custom
 * attribute name goes through here: nothing a user typed is ever spliced into SQL text.
 */
export class SqlParameters {
  readonly values: TypedValue[] = [];

  /** `firstNumber` lets the store put its own parameters (namespace id, …) first. */
  constructor(private readonly firstNumber = 1) {}

  add(value: TypedValue, cast?: string): string {
    this.values.push(value);
    const placeholder = `$${this.firstNumber + this.values.length - 1}`;
    return cast === undefined ? placeholder : `${placeholder}::${cast}`;
  }
}
