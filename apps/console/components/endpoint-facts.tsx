/** The two facts an SDK needs to connect: the gRPC endpoint and the namespace. */
export function EndpointFacts({
  grpcAddress,
  namespace,
  className,
}: {
  grpcAddress: string;
  namespace: string;
  className?: string;
}) {
  return (
    <dl className={className}>
      <div>
        <dt>gRPC endpoint</dt>
        <dd>
          <code data-testid="grpc-endpoint">{grpcAddress}</code>
        </dd>
      </div>
      <div>
        <dt>Namespace</dt>
        <dd>
          <code>{namespace}</code>
        </dd>
      </div>
    </dl>
  );
}
