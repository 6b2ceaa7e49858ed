import { NamespaceDetailView } from '../../../../components/namespaces/namespace-detail-view.tsx';
import { readGrpcPublicAddress } from '../../../../lib/console-env.ts';

export async function generateMetadata({ params }: { params: Promise<{ name: string }> }) {
  return { title: `${decodeURIComponent((await params).name)} · Namespaces · Kairos console` };
}

export default async function NamespacePage({ params }: { params: Promise<{ name: string }> }) {
  const name = decodeURIComponent((await params).name);
  // The endpoint is the deployment's (read per request), shown with the SDK snippet.
  return <NamespaceDetailView name={name} grpcAddress={readGrpcPublicAddress()} />;
}
