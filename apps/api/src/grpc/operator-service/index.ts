import type { OperatorServiceMethods } from '@kairos/proto';
import type { ServiceHandlers } from '../service-router.ts';
import { addSearchAttributes } from './add-search-attributes.ts';
import { listSearchAttributes } from './list-search-attributes.ts';
import { removeSearchAttributes } from './remove-search-attributes.ts';
import type { SearchAttributeDependencies } from './search-attribute-dependencies.ts';

export type { SearchAttributeDependencies } from './search-attribute-dependencies.ts';

/** The OperatorService rpcs Kairos serves, one file each; every other rpc answers UNIMPLEMENTED. */
export function operatorServiceHandlers(
  dependencies: SearchAttributeDependencies,
): ServiceHandlers<OperatorServiceMethods> {
  return {
    AddSearchAttributes: addSearchAttributes(dependencies),
    RemoveSearchAttributes: removeSearchAttributes(dependencies),
    ListSearchAttributes: listSearchAttributes(dependencies),
  };
}
