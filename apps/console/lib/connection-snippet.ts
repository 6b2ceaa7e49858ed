/** The environment variable the snippet reads the API key from: a key never belongs in source code. */
export const apiKeyVariable = 'KAIROS_API_KEY';

/**
 * The TypeScript SDK code a user pastes to reach this deployment; shown and copied verbatim.
 * `withApiKey` adds the `apiKey` option (sent as `authorization: Bearer <key>`), which every
 * namespace of a signed-up account needs; the landing page's `default` namespace does not.
 * With an API key the SDK switches TLS on by default (Temporal Cloud's convention), while the api's
 * gRPC frontend speaks plaintext, so the snippet turns it off explicitly.
 */
export function connectionSnippet(grpcAddress: string, namespace: string, withApiKey = false): string {
  return [
    "import { Client, Connection } from '@temporalio/client';",
    '',
    // One option per line: the snippet stays readable on a phone and with long host names.
    'const connection = await Connection.connect({',
    `  address: '${grpcAddress}',`,
    ...(withApiKey ? [`  apiKey: process.env.${apiKeyVariable},`, '  tls: false,'] : []),
    '});',
    `const client = new Client({ connection, namespace: '${namespace}' });`,
  ].join('\n');
}

export const installCommand = 'npm install @temporalio/client';
