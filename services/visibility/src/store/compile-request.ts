import { InvalidArgument } from '@kairos/errors';
import {
  compileListFilter,
  ParseError,
  type CheckedQuery,
  type CustomSearchAttributes,
} from '../query/index.ts';
import {
  DEFAULT_PAGE_SIZE,
  MAX_PAGE_SIZE,
  type CustomAttributeSource,
  type ListRequest,
} from './visibility-store.ts';

// What both stores do before touching their back end: find the namespace's custom attributes,
// compile the filter (ParseError → InvalidArgument naming the position), bound the page size.

export async function customAttributesFor(
  namespaceId: string,
  given: CustomSearchAttributes | undefined,
  source: CustomAttributeSource | undefined,
): Promise<CustomSearchAttributes> {
  if (given !== undefined) return given;
  if (source === undefined) return {};
  return source.list(namespaceId);
}

export function compileFilter(
  text: string,
  customAttributes: CustomSearchAttributes,
  purpose: 'list' | 'count',
): CheckedQuery {
  try {
    return compileListFilter(text, { customAttributes, purpose });
  } catch (error) {
    if (error instanceof ParseError) throw error.toInvalidArgument();
    throw error;
  }
}

export function effectivePageSize(request: ListRequest): number {
  const { pageSize } = request;
  if (!Number.isInteger(pageSize) || pageSize < 0) {
    throw InvalidArgument.forField('page_size', `must be a non-negative integer, got ${pageSize}`);
  }
  if (pageSize === 0) return DEFAULT_PAGE_SIZE;
  return Math.min(pageSize, MAX_PAGE_SIZE);
}
