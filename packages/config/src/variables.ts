import { z } from 'zod';

/**
 * Every environment variable any Kairos process reads, in one catalogue, so `.env.example` can be
 * checked against it (see env-example.test.ts) and a typo in one process cannot drift from the docs.
 */
const port = z.coerce
  .number({ error: 'expected a port number' })
  .int('expected a whole number')
  .min(0, 'expected a port between 0 and 65535')
  .max(65535, 'expected a port between 0 and 65535');

const postgresUrl = z
  .string()
  .url('expected a URL such as postgresql://user:password@host:5432/db')
  .refine((value) => /^postgres(ql)?:\/\//.test(value), 'expected a postgres:// or postgresql:// URL');

const brokerList = z
  .string()
  .min(1, 'expected a comma-separated list of host:port')
  .transform((value) => value.split(',').map((broker) => broker.trim()))
  .refine(
    (brokers) => brokers.every((broker) => /^[^\s:]+:\d{1,5}$/.test(broker)),
    'expected a comma-separated list of host:port',
  );

export const variables = {
  KAIROS_MODE: {
    schema: z.enum(['embedded', 'cluster']).default('embedded'),
    description:
      'embedded: one process with embedded Postgres and the in-process bus; cluster: services over Kafka',
  },
  DATABASE_URL: {
    schema: postgresUrl.optional(),
    description: 'Postgres connection URL. Unset in embedded mode: an embedded Postgres is started.',
  },
  KAIROS_DATA_DIR: {
    schema: z.string().min(1).default('.data'),
    description: 'Directory for embedded-mode data (Postgres cluster, logs), relative to the repository root',
  },
  KAIROS_EMBEDDED_POSTGRES_PORT: {
    schema: port.default(5434),
    description: 'Port of the embedded Postgres started by `npm start` (127.0.0.1 only)',
  },
  KAIROS_GRPC_HOST: {
    schema: z.string().min(1).default('127.0.0.1'),
    description: 'Interface the Temporal-compatible gRPC frontend binds to',
  },
  KAIROS_GRPC_PORT: {
    schema: port.default(7233),
    description: 'Port of the gRPC frontend (WorkflowService)',
  },
  KAIROS_HTTP_PORT: {
    schema: port.default(7243),
    description: 'Port of the api process HTTP endpoint (/healthz, and /trpc for the console)',
  },
  KAIROS_CONSOLE_PORT: {
    schema: port.default(3000),
    description: 'Port of the Next.js console that npm start runs (0: do not run the console)',
  },
  KAIROS_GRPC_PUBLIC_ADDRESS: {
    schema: z.string().min(1).default('127.0.0.1:7233'),
    description:
      'gRPC address the console shows users in SDK snippets (npm start sets it to the bound address)',
  },
  KAIROS_API_HEALTH_URL: {
    schema: z
      .string()
      .url('expected a URL such as http://127.0.0.1:7243/healthz')
      .default('http://127.0.0.1:7243/healthz'),
    description: 'Where the console checks the api process health (npm start sets it)',
  },
  KAIROS_API_URL: {
    schema: z.string().url('expected a URL such as http://127.0.0.1:7243').default('http://127.0.0.1:7243'),
    description: 'Where the console reaches the api process (its /trpc endpoint); npm start sets it',
  },
  KAIROS_CONSOLE_ORIGIN: {
    schema: z
      .string()
      .url('expected an origin such as http://127.0.0.1:3000')
      .default('http://127.0.0.1:3000'),
    description:
      'Origin of the console as browsers see it; console mutations from any other origin are refused (CSRF)',
  },
  KAIROS_COOKIE_SECURE: {
    schema: z.stringbool({ error: 'expected true or false' }).default(false),
    description: 'Mark console session cookies Secure (set true whenever the console is served over https)',
  },
  KAIROS_ANONYMOUS_LOOPBACK: {
    schema: z.stringbool({ error: 'expected true or false' }).optional(),
    description:
      'Let gRPC clients on 127.0.0.1/::1 without an API key use the namespaces of the built-in system ' +
      'account (such as default). Unset: true in embedded mode, false in cluster mode (where true is refused)',
  },
  KAIROS_HISTORY_SHARDS: {
    schema: z.coerce.number().int().min(1).max(16384).default(16),
    description:
      'Number of history shards; fixed when the database is first used (changing it later is refused)',
  },
  KAIROS_HISTORY_PORT: {
    schema: port.default(7301),
    description: 'Port of a history process internal endpoint (cluster mode; 0 picks a free one)',
  },
  KAIROS_MATCHING_PORT: {
    schema: port.default(7302),
    description: 'Port of the matching process internal endpoint (cluster mode)',
  },
  KAIROS_MATCHING_URL: {
    schema: z.string().url('expected a URL such as http://127.0.0.1:7302').default('http://127.0.0.1:7302'),
    description: 'Where api and history processes reach the matching process (cluster mode)',
  },
  KAIROS_BUS: {
    schema: z.enum(['memory', 'kafka']).default('memory'),
    description: 'Event bus implementation: memory (in-process, embedded mode) or kafka',
  },
  KAFKA_BROKERS: { schema: brokerList.default(['127.0.0.1:9092']), description: 'Kafka bootstrap brokers' },
  KAFKA_CLIENT_ID: { schema: z.string().min(1).default('kairos'), description: 'Kafka client id prefix' },
  KAFKA_NAME_PREFIX: {
    schema: z
      .string()
      .regex(/^[A-Za-z0-9._-]*$/, 'expected letters, digits, ".", "_" or "-" (Kafka topic characters)')
      .default(''),
    description:
      'Put before every Kafka topic and consumer group name, so clusters sharing one Kafka stay apart',
  },
  KAIROS_VISIBILITY_STORE: {
    schema: z.enum(['sql', 'opensearch']).default('sql'),
    description:
      'Where visibility records live and list/count queries run: sql (Postgres, embedded) or opensearch',
  },
  OPENSEARCH_URL: {
    schema: z.string().url('expected a URL such as http://127.0.0.1:9200').default('http://127.0.0.1:9200'),
    description: 'OpenSearch endpoint (cluster-mode visibility store)',
  },
  KAIROS_LOG_LEVEL: {
    schema: z.enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent']).default('info'),
    description: 'Minimum level of the JSON logs written to stdout',
  },
  KAIROS_METRICS_PORT: {
    schema: port.default(9464),
    description: 'Port of the Prometheus /metrics endpoint of this process (0 disables it)',
  },
  OTEL_EXPORTER_OTLP_ENDPOINT: {
    schema: z.string().url('expected a URL such as http://127.0.0.1:4318').optional(),
    description: 'OTLP/HTTP collector for traces; unset keeps spans in-process only',
  },
} satisfies Record<string, { schema: z.ZodType; description: string }>;

export type VariableName = keyof typeof variables;
export type VariableValue<Name extends VariableName> = z.output<(typeof variables)[Name]['schema']>;
