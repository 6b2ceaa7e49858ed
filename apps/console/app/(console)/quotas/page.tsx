import { QuotasView } from '../../../components/quotas/quotas-view.tsx';

export const metadata = { title: 'Quotas · Kairos console' };

export default function QuotasPage() {
  return <QuotasView />;
}
