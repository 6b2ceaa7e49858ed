import type { PayloadView } from './workflow-types.ts';
import styles from './workflows.module.css';

/** Payloads as JSON text, or base64 with their encoding named when they are not JSON. */
export function PayloadBlock({ payloads, label }: { payloads: PayloadView[]; label: string }) {
  if (payloads.length === 0) return <p>None</p>;
  return (
    <>
      {payloads.map((payload, index) => (
        <div key={index}>
          {payload.format === 'base64' && <p>{`${payload.encoding} (base64)`}</p>}
          <pre className={styles.payload} aria-label={`${label} ${index + 1}`}>
            {payload.text}
          </pre>
        </div>
      ))}
    </>
  );
}
