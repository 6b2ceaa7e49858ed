import { WorkflowsView } from './_components/workflows-view.tsx';

export async function generateMetadata({ params }: { params: Promise<{ name: string }> }) {
  return { title: `Workflows · ${decodeURIComponent((await params).name)} · Kairos console` };
}

export default async function WorkflowsPage({ params }: { params: Promise<{ name: string }> }) {
  return <WorkflowsView namespace={decodeURIComponent((await params).name)} />;
}
