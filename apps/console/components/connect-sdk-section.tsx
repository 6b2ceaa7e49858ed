import { CopyableCode } from './copyable-code.tsx';
import { EndpointFacts } from './endpoint-facts.tsx';
import { connectionSnippet, installCommand } from '../lib/connection-snippet.ts';
import styles from './connect-sdk-section.module.css';

const namespace = 'default';

/** Where SDKs connect and the few lines of TypeScript that do it. */
export function ConnectSdkSection({ grpcAddress }: { grpcAddress: string }) {
  const snippet = connectionSnippet(grpcAddress, namespace);
  return (
    <section className={styles.card} aria-labelledby="connect-heading">
      <h2 id="connect-heading">Connect an SDK</h2>
      <p className={styles.lead}>
        Kairos serves Temporal&apos;s gRPC API, so the official Temporal SDKs connect to it unchanged.
      </p>

      <EndpointFacts grpcAddress={grpcAddress} namespace={namespace} className={styles.facts} />

      <CopyableCode
        heading="Install the TypeScript client"
        copyLabel="Copy install command"
        text={installCommand}
      />
      <CopyableCode
        heading={`Connect to namespace ${namespace}`}
        copyLabel="Copy connection code"
        text={snippet}
        testId="connection-snippet"
      />

      <p className={styles.more}>
        Next: write a workflow with the{' '}
        <a href="https://docs.temporal.io/develop/typescript" rel="noreferrer">
          Temporal TypeScript SDK guide
        </a>
        .
      </p>
    </section>
  );
}
