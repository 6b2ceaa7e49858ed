import Link from 'next/link';
import { ApiStatusPanel } from '../components/api-status-panel.tsx';
import { ConnectSdkSection } from '../components/connect-sdk-section.tsx';
import { readApiHealthTarget, readGrpcPublicAddress } from '../lib/console-env.ts';
import styles from './page.module.css';

// The endpoint comes from the environment of the running server and the API status is checked
// per request, so this page is never prerendered at build time.
export const dynamic = 'force-dynamic';

export default function LandingPage() {
  return (
    <>
      <header className={styles.masthead}>
        <div className={styles.container}>
          <h1 className={styles.productName}>Kairos</h1>
          <p className={styles.pitch}>
            Managed durable execution that speaks the Temporal API: your workflows survive crashes, restarts
            and deploys, and you run no server.
          </p>
          <p className={styles.entry}>
            <Link href="/signup" className={`button ${styles.primary}`}>
              Sign up
            </Link>
            <Link href="/login" className="button">
              Log in
            </Link>
          </p>
        </div>
      </header>
      <main id="main" tabIndex={-1} className={`${styles.container} ${styles.main}`}>
        <ConnectSdkSection grpcAddress={readGrpcPublicAddress()} />
        <ApiStatusPanel target={readApiHealthTarget()} />
      </main>
    </>
  );
}
