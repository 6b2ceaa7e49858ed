import { AuditView } from '../../../components/audit/audit-view.tsx';

export const metadata = { title: 'Audit log · Kairos console' };

export default function AuditPage() {
  return <AuditView />;
}
