import { describe, expect, it } from 'vitest';
import { payloadView } from './payload-view.ts';

const payload = (encoding: string, data: Uint8Array) => ({
  metadata: { encoding: Buffer.from(encoding) },
  data,
});

describe('payloadView', () => {
  it('shows JSON payloads as indented JSON text', () => {
    expect(payloadView(payload('json/plain', Buffer.from('{"a":[1,2]}')))).toEqual({
      encoding: 'json/plain',
      format: 'json',
      text: '{\n  "a": [\n    1,\n    2\n  ]\n}',
    });
  });

  it('shows binary/null as null, anything else (or broken JSON) as base64 with its encoding', () => {
    expect(payloadView(payload('binary/null', new Uint8Array()))).toMatchObject({
      format: 'json',
      text: 'null',
    });
    expect(payloadView(payload('binary/protobuf', Buffer.from([1, 2, 3])))).toEqual({
      encoding: 'binary/protobuf',
      format: 'base64',
      text: 'AQID',
    });
    expect(payloadView(payload('json/plain', Buffer.from('{oops')))).toMatchObject({ format: 'base64' });
    expect(payloadView({ data: Buffer.from('x') })).toMatchObject({ encoding: 'unknown', format: 'base64' });
  });

  it('reads base64 text bytes (protobuf toObject copies)', () => {
    const view = payloadView({
      metadata: { encoding: Buffer.from('json/plain').toString('base64') },
      data: Buffer.from('"hi"').toString('base64'),
    });
    expect(view).toEqual({ encoding: 'json/plain', format: 'json', text: '"hi"' });
  });
});
