import Link from 'next/link';
import { EndpointFacts } from '../endpoint-facts.tsx';
import { apiKeyVariable, connectionSnippet } from '../../lib/connection-snippet.ts';
import { CopyableCode } from '../copyable-code.tsx';
import { pageStyles } from '../ui/page-header.tsx';
import styles from './namespaces.module.css';

/** Where SDKs connect to this namespace and the TypeScript that does it, with an API key. */
export function ConnectNamespace({ grpcAddress, namespace }: { grpcAddress: string; namespace: string }) {
  const snippet = connectionSnippet(grpcAddress, namespace, true);
  return (
    <section className={pageStyles.section} aria-labelledby="connect-heading">
      <h2 id="connect-heading">Connect an SDK</h2>
      <EndpointFacts grpcAddress={grpcAddress} namespace={namespace} className={styles.facts} />
      <CopyableCode
        heading="TypeScript"
        copyLabel="Copy connection code"
        text={snippet}
        testId="connection-snippet"
      />
      <p className={pageStyles.muted}>
        Set <code>{apiKeyVariable}</code> to an API key allowed to use {namespace}; create one on the{' '}
        <Link href="/api-keys">API keys</Link> page.
      </p>
    </section>
  );
}
