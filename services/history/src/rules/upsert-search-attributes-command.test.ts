import { temporal } from '@kairos/proto';
import { describe, expect, it } from 'vitest';
import type { SearchAttributeLookup } from './search-attribute-value.ts';
import { checkUpsertSearchAttributesCommand } from './upsert-search-attributes-command.ts';

const Cause = temporal.api.enums.v1.WorkflowTaskFailedCause;
const IndexedValueType = temporal.api.enums.v1.IndexedValueType;
const at = 'upsertWorkflowSearchAttributesCommandAttributes.searchAttributes';

const json = (value: unknown) => ({
  metadata: { encoding: Buffer.from('json/plain') },
  data: Buffer.from(JSON.stringify(value)),
});
const nothing = () => ({ metadata: { encoding: Buffer.from('binary/null') }, data: new Uint8Array() });
const upsert = (indexedFields: Record<string, temporal.api.common.v1.IPayload>) => ({
  searchAttributes: { indexedFields },
});
const lookup: SearchAttributeLookup = (name) =>
  (
    ({
      CustomerId: IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
      Amount: IndexedValueType.INDEXED_VALUE_TYPE_INT,
    }) as const
  )[name as 'CustomerId'] ?? (name === 'WorkflowId' ? 'system' : undefined);
const bad = (field: string, message: RegExp, terminatesWorkflow = false) => ({
  ok: false,
  cause: Cause.WORKFLOW_TASK_FAILED_CAUSE_BAD_SEARCH_ATTRIBUTES,
  field,
  message: expect.stringMatching(message),
  terminatesWorkflow,
});

describe('checkUpsertSearchAttributesCommand', () => {
  it('returns the upsert and the run’s attributes merged with it', () => {
    const current = { CustomerId: json('c-1'), Amount: json(5) };
    const result = checkUpsertSearchAttributesCommand(upsert({ Amount: json(7), Region: json('eu') }), {
      currentSearchAttributes: current,
    });
    expect(result).toEqual({
      ok: true,
      attributes: {
        upserted: { Amount: json(7), Region: json('eu') },
        merged: { CustomerId: json('c-1'), Amount: json(7), Region: json('eu') },
      },
    });
    expect(current).toEqual({ CustomerId: json('c-1'), Amount: json(5) });
  });

  it('removes attributes upserted as null or an empty list', () => {
    const result = checkUpsertSearchAttributesCommand(upsert({ CustomerId: nothing(), Tags: json([]) }), {
      currentSearchAttributes: { CustomerId: json('c-1'), Tags: json(['a']), Amount: json(1) },
    });
    expect(result).toMatchObject({ ok: true, attributes: { merged: { Amount: json(1) } } });
  });

  it('needs attributes, search attributes and at least one field', () => {
    const context = { currentSearchAttributes: undefined };
    expect(checkUpsertSearchAttributesCommand(null, context)).toEqual(
      bad('upsertWorkflowSearchAttributesCommandAttributes', /must be set/),
    );
    expect(checkUpsertSearchAttributesCommand({}, context)).toEqual(bad(at, /must be set/));
    expect(checkUpsertSearchAttributesCommand(upsert({}), context)).toEqual(
      bad(`${at}.indexedFields`, /must not be empty/),
    );
  });

  it('refuses more than 100 attributes', () => {
    const fields = Object.fromEntries(Array.from({ length: 101 }, (_, index) => [`A${index}`, json(index)]));
    expect(checkUpsertSearchAttributesCommand(upsert(fields), { currentSearchAttributes: {} })).toEqual(
      bad(`${at}.indexedFields`, /101 search attributes, over the limit of 100/),
    );
    delete fields['A0'];
    expect(checkUpsertSearchAttributesCommand(upsert(fields), { currentSearchAttributes: {} }).ok).toBe(true);
  });

  it('checks names and types when the namespace’s attributes are known', () => {
    const context = { currentSearchAttributes: {}, lookup };
    expect(
      checkUpsertSearchAttributesCommand(upsert({ Amount: json(3), CustomerId: json('x') }), context).ok,
    ).toBe(true);
    expect(checkUpsertSearchAttributesCommand(upsert({ Nope: json(1) }), context)).toEqual(
      bad(`${at}.indexedFields.Nope`, /search attribute Nope is not defined/),
    );
    expect(checkUpsertSearchAttributesCommand(upsert({ WorkflowId: json('x') }), context)).toEqual(
      bad(`${at}.indexedFields.WorkflowId`, /system search attribute/),
    );
    expect(checkUpsertSearchAttributesCommand(upsert({ Amount: json('three') }), context)).toEqual(
      bad(`${at}.indexedFields.Amount`, /invalid value for search attribute Amount of type Int/),
    );
  });

  it('terminates the run when the merged attributes break the size limits', () => {
    const big = json('x'.repeat(2047));
    expect(
      checkUpsertSearchAttributesCommand(upsert({ CustomerId: big }), { currentSearchAttributes: {} }),
    ).toEqual(
      bad(`${at}.indexedFields.CustomerId`, /value is 2049 bytes, over the limit of 2048 bytes/, true),
    );
    const current = Object.fromEntries(
      Array.from({ length: 20 }, (_, index) => [`K${index}`, json('y'.repeat(2000))]),
    );
    expect(
      checkUpsertSearchAttributesCommand(upsert({ Extra: json('z'.repeat(2000)) }), {
        currentSearchAttributes: current,
      }),
    ).toEqual(
      bad(
        `${at}.indexedFields`,
        /with the run's attributes, total size is \d+ bytes, over the limit of 40960 bytes/,
        true,
      ),
    );
    // Removing attributes makes room again.
    expect(
      checkUpsertSearchAttributesCommand(upsert({ Extra: json('z'.repeat(2000)), K0: nothing() }), {
        currentSearchAttributes: current,
      }).ok,
    ).toBe(true);
  });

  it('checks names before sizes', () => {
    expect(
      checkUpsertSearchAttributesCommand(upsert({ Nope: json('x'.repeat(5000)) }), {
        currentSearchAttributes: {},
        lookup,
      }),
    ).toMatchObject({ terminatesWorkflow: false, field: `${at}.indexedFields.Nope` });
  });
});
