import { ApiKeysView } from '../../../components/api-keys/api-keys-view.tsx';

export const metadata = { title: 'API keys · Kairos console' };

export default function ApiKeysPage() {
  return <ApiKeysView />;
}
