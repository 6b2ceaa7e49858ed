import {
  PREDEFINED_SEARCH_ATTRIBUTES,
  SEARCH_ATTRIBUTE_TYPES,
  SYSTEM_SEARCH_ATTRIBUTES,
  type SearchAttribute,
  type SearchAttributeType,
} from '@kairos/visibility';
import type { SessionContext } from '../context.ts';
import type { SearchAttributesInput } from './search-attributes.schema.ts';
import { resolveWorkflowNamespace } from './workflow-namespace.ts';

function isAttributeType(type: string): type is SearchAttributeType {
  return (SEARCH_ATTRIBUTE_TYPES as readonly string[]).includes(type);
}

/**
 * Every name a filter of this namespace may use, with its type and kind, for the query box's
 * completion: system attributes, Temporal's predefined ones, then the namespace's custom ones.
 */
export async function searchAttributesHandler({
  ctx,
  input,
}: {
  ctx: SessionContext;
  input: SearchAttributesInput;
}): Promise<SearchAttribute[]> {
  const namespace = await resolveWorkflowNamespace(ctx, input.namespace);
  const custom = await ctx.controlPlane.prisma.searchAttribute.findMany({
    where: { namespaceId: namespace.id },
    orderBy: { name: 'asc' },
  });
  return [
    ...Object.entries(SYSTEM_SEARCH_ATTRIBUTES).map(([name, type]) => ({
      name,
      type,
      kind: 'system' as const,
    })),
    ...Object.entries(PREDEFINED_SEARCH_ATTRIBUTES).map(([name, type]) => ({
      name,
      type,
      kind: 'predefined' as const,
    })),
    ...custom.flatMap((row) =>
      isAttributeType(row.type) ? [{ name: row.name, type: row.type, kind: 'custom' as const }] : [],
    ),
  ];
}
