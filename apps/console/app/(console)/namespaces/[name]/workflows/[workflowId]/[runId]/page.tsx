import { WorkflowDetailView } from '../../_components/workflow-detail-view.tsx';

type Params = Promise<{ name: string; workflowId: string; runId: string }>;

export async function generateMetadata({ params }: { params: Params }) {
  const { name, workflowId } = await params;
  return { title: `${decodeURIComponent(workflowId)} · ${decodeURIComponent(name)} · Kairos console` };
}

export default async function WorkflowPage({ params }: { params: Params }) {
  const { name, workflowId, runId } = await params;
  return (
    <WorkflowDetailView
      namespace={decodeURIComponent(name)}
      workflowId={decodeURIComponent(workflowId)}
      runId={decodeURIComponent(runId)}
    />
  );
}
