import { temporal } from '@kairos/proto';

/**
 * Protobuf values kept inside the JSON mutable state (heartbeat details, last failure, memo, search
 * attributes) travel as base64 of their encoding.
 */
const { Payloads, Memo, SearchAttributes, Header } = temporal.api.common.v1;
const { Failure } = temporal.api.failure.v1;

interface Codec<T> {
  encode(value: T): { finish(): Uint8Array };
  decode(bytes: Uint8Array): T;
}

function codec<T>(type: Codec<T>) {
  return {
    encode: (value: T | null | undefined): string | undefined =>
      value ? Buffer.from(type.encode(value).finish()).toString('base64') : undefined,
    decode: (encoded: string | undefined): T | undefined =>
      encoded === undefined ? undefined : type.decode(Buffer.from(encoded, 'base64')),
  };
}

export const encodedPayloads = codec<temporal.api.common.v1.IPayloads>(Payloads);
export const encodedFailure = codec<temporal.api.failure.v1.IFailure>(Failure);
export const encodedMemo = codec<temporal.api.common.v1.IMemo>(Memo);
export const encodedSearchAttributes = codec<temporal.api.common.v1.ISearchAttributes>(SearchAttributes);
export const encodedHeader = codec<temporal.api.common.v1.IHeader>(Header);
