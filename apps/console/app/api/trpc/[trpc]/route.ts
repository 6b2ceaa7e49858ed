import { readApiUrl } from '../../../../lib/console-env.ts';
import { forwardToApi } from '../../../../lib/trpc/forward-to-api.ts';

// Every call is relayed live to the api (KAIROS_API_URL is read per request, never at build time).
export const dynamic = 'force-dynamic';

export function GET(request: Request): Promise<Response> {
  return forwardToApi(request, readApiUrl());
}

export function POST(request: Request): Promise<Response> {
  return forwardToApi(request, readApiUrl());
}
