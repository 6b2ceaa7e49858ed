import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';
// Types only: nothing of the api's code reaches the console's bundles.
import type { AppRouter } from '@kairos/api/trpc';

export type { AppRouter };
export type RouterOutputs = inferRouterOutputs<AppRouter>;
export type RouterInputs = inferRouterInputs<AppRouter>;

export type Session = NonNullable<RouterOutputs['auth']['session']>;
export type Role = Session['role'];
export type NamespaceView = RouterOutputs['namespaces']['list'][number];
export type NamespaceDetail = RouterOutputs['namespaces']['get'];
export type RecentWorkflow = RouterOutputs['namespaces']['recentWorkflows'][number];
export type ApiKeyView = RouterOutputs['apiKeys']['list'][number];
export type MemberList = RouterOutputs['members']['list'];
export type QuotaRow = RouterOutputs['quotas']['list'][number];
export type AuditPage = RouterOutputs['audit']['list'];
