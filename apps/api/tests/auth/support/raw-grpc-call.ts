import { connect, constants } from 'node:http2';

/**
 * One unary gRPC call over plain HTTP/2 with headers exactly as given: grpc-js clients refuse to send
 * metadata values outside printable ASCII, but a hostile client may. The request body is an empty
 * message (valid for GetSystemInfo). Resolves with the status the server answered.
 */
export async function rawGrpcCall(
  address: string,
  path: string,
  headers: Record<string, string>,
): Promise<{ status: number; message: string }> {
  const session = connect(`http://${address}`);
  try {
    return await new Promise((resolve, reject) => {
      session.once('error', reject);
      const stream = session.request({
        [constants.HTTP2_HEADER_METHOD]: 'POST',
        [constants.HTTP2_HEADER_PATH]: path,
        'content-type': 'application/grpc',
        te: 'trailers',
        ...headers,
      });
      const answer: Record<string, unknown> = {};
      const take = (fields: Record<string, unknown>) => Object.assign(answer, fields);
      stream.on('response', take);
      stream.on('trailers', take);
      stream.on('data', () => undefined);
      stream.once('error', reject);
      stream.once('close', () =>
        resolve({
          status: Number(answer['grpc-status']),
          message: decodeURIComponent(String(answer['grpc-message'] ?? '')),
        }),
      );
      // Length-prefixed message: not compressed, 0 bytes.
      stream.end(Buffer.from([0, 0, 0, 0, 0]));
    });
  } finally {
    session.close();
  }
}
