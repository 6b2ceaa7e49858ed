import { CopyButton } from './copy-button.tsx';
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

      <dl className={styles.facts}>
        <div>
          <dt>gRPC endpoint</dt>
          <dd>
            <code data-testid="grpc-endpoint">{grpcAddress}</code>
          </dd>
        </div>
        <div>
          <dt>Namespace</dt>
          <dd>
            <code>{namespace}</code>
          </dd>
        </div>
      </dl>

      <div className={styles.step}>
        <div className={styles.stepHeader}>
          <h3 id="install-heading">Install the TypeScript client</h3>
          <CopyButton text={installCommand} label="Copy install command" />
        </div>
        <pre className={styles.code}>
          <code>{installCommand}</code>
        </pre>
      </div>

      <div className={styles.step}>
        <div className={styles.stepHeader}>
          <h3 id="snippet-heading">Connect to namespace {namespace}</h3>
          <CopyButton text={snippet} label="Copy connection code" />
        </div>
        <pre className={styles.code} data-testid="connection-snippet">
          <code>{snippet}</code>
        </pre>
      </div>

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
