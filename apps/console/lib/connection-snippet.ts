/** The TypeScript SDK code a user pastes to reach this deployment; shown and copied verbatim. */
export function connectionSnippet(grpcAddress: string, namespace: string): string {
  return [
    "import { Client, Connection } from '@temporalio/client';",
    '',
    // One option per line: the snippet stays readable on a phone and with long host names.
    'const connection = await Connection.connect({',
    `  address: '${grpcAddress}',`,
    '});',
    `const client = new Client({ connection, namespace: '${namespace}' });`,
  ].join('\n');
}

export const installCommand = 'npm install @temporalio/client';
