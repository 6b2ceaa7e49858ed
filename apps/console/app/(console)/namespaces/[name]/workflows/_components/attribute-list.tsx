import type { PayloadView } from './workflow-types.ts';
import namespaceStyles from '../../../../../../components/namespaces/namespaces.module.css';

/** Search attributes or memo fields: each name with its decoded value. */
export function AttributeList({ fields, empty }: { fields: Record<string, PayloadView>; empty: string }) {
  const entries = Object.entries(fields);
  if (entries.length === 0) return <p>{empty}</p>;
  return (
    <dl className={namespaceStyles.facts}>
      {entries.map(([name, value]) => (
        <div key={name}>
          <dt>{name}</dt>
          <dd>
            <code>{value.format === 'json' ? value.text : `${value.encoding}: ${value.text}`}</code>
          </dd>
        </div>
      ))}
    </dl>
  );
}
