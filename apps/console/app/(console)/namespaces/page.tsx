import { NamespacesView } from '../../../components/namespaces/namespaces-view.tsx';

export const metadata = { title: 'Namespaces · Kairos console' };

export default function NamespacesPage() {
  return <NamespacesView />;
}
