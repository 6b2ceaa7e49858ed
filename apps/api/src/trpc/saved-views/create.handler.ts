import { AlreadyExists, InvalidArgument } from '@kairos/errors';
import { isUniqueViolation } from '../../control-plane/db.ts';
import type { SessionContext } from '../context.ts';
import { resolveWorkflowNamespace } from '../workflows/workflow-namespace.ts';
import type { CreateInput } from './create.schema.ts';
import { MAX_SAVED_VIEWS_PER_NAMESPACE } from './saved-view-fields.ts';
import { toSavedViewView, type SavedViewView } from './saved-view.ts';

/**
 * Saves a filter and its columns under a name, for the signed-in user only. The filter is kept as
 * typed (the list procedure checks it when the view is opened), so a view survives an attribute
 * being removed and simply answers with that error.
 */
export async function createHandler({
  ctx,
  input,
}: {
  ctx: SessionContext;
  input: CreateInput;
}): Promise<SavedViewView> {
  const namespace = await resolveWorkflowNamespace(ctx, input.namespace);
  const where = { userId: ctx.actor.userId, namespaceId: namespace.id };
  const held = await ctx.controlPlane.prisma.savedView.count({ where });
  if (held >= MAX_SAVED_VIEWS_PER_NAMESPACE)
    throw InvalidArgument.forField(
      'name',
      `at most ${MAX_SAVED_VIEWS_PER_NAMESPACE} saved views per namespace; delete one first`,
    );
  try {
    const row = await ctx.controlPlane.prisma.savedView.create({
      data: { ...where, name: input.name, query: input.query, columns: input.columns },
    });
    return toSavedViewView(row);
  } catch (error) {
    if (isUniqueViolation(error)) throw new AlreadyExists(`a saved view named ${input.name} already exists`);
    throw error;
  }
}
