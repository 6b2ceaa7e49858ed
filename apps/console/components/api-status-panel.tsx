import { Suspense } from 'react';
import { checkApiHealth, type ApiHealth } from '../lib/check-api-health.ts';
import type { ApiHealthTarget } from '../lib/console-env.ts';
import { RecheckButton } from './recheck-button.tsx';
import styles from './api-status-panel.module.css';

type PanelState = ApiHealth | { state: 'misconfigured'; reason: string };

const headline: Record<PanelState['state'], string> = {
  reachable: 'API: reachable',
  unhealthy: 'API: unhealthy',
  unreachable: 'API: unreachable',
  misconfigured: 'API: unreachable',
};

/**
 * The live status of the api process, checked on the server for every request. The check sits
 * behind Suspense so the rest of the page streams at once even when the api takes its full timeout.
 */
export function ApiStatusPanel({ target }: { target: ApiHealthTarget }) {
  return (
    <section className={styles.card} aria-labelledby="status-heading">
      <h2 id="status-heading">Status</h2>
      {/* Outside the Suspense boundary so the live region survives the fallback being replaced. */}
      <div aria-live="polite" data-testid="api-status">
        <Suspense fallback={<p className={styles.pending}>Checking the API…</p>}>
          <ApiStatus target={target} />
        </Suspense>
      </div>
      <RecheckButton />
    </section>
  );
}

async function ApiStatus({ target }: { target: ApiHealthTarget }) {
  const status: PanelState = target.ok
    ? await checkApiHealth(target.url)
    : { state: 'misconfigured', reason: target.problem };
  const checkedAt = new Date();
  return (
    <div className={styles.status}>
      <p className={`${styles.badge} ${styles[status.state]}`} data-state={status.state}>
        {headline[status.state]}
      </p>
      <dl className={styles.details}>
        {'url' in status && (
          <div>
            <dt>Health check</dt>
            <dd>
              <code>{status.url}</code>
            </dd>
          </div>
        )}
        {status.state === 'reachable' && status.grpc !== undefined && (
          <div>
            <dt>gRPC frontend</dt>
            <dd>
              <code>{status.grpc}</code>
            </dd>
          </div>
        )}
        {'latencyMs' in status && (
          <div>
            <dt>Response time</dt>
            <dd>{status.latencyMs} ms</dd>
          </div>
        )}
        {'reason' in status && (
          <div>
            <dt>Error</dt>
            <dd data-testid="api-status-error">{status.reason}</dd>
          </div>
        )}
        <div>
          <dt>Checked at</dt>
          <dd>
            <time dateTime={checkedAt.toISOString()}>{checkedAt.toISOString().slice(11, 19)} UTC</time>
          </dd>
        </div>
      </dl>
    </div>
  );
}
