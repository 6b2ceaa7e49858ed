'use client';

import { createContext, useContext, type ReactNode } from 'react';
import type { Session } from '../../lib/trpc/router-types.ts';

const SessionContext = createContext<Session | undefined>(undefined);

/** The signed-in user's session, loaded by the signed-in layout on the server. */
export function SessionProvider({ session, children }: { session: Session; children: ReactNode }) {
  return <SessionContext.Provider value={session}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (session === undefined) throw new Error('useSession() is used outside the signed-in layout');
  return session;
}
