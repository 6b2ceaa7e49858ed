import type { HistoryClient } from '@kairos/history/client';
import type { Logger } from '@kairos/telemetry';
import type { VisibilityStore } from '@kairos/visibility';
import type { Actor } from '../control-plane/actor.ts';
import type { ActiveSession, NewSession } from '../control-plane/auth/sessions.ts';
import type { ControlPlane } from '../control-plane/control-plane.ts';
import { CSRF_COOKIE, parseCookies, serializeCookie, SESSION_COOKIE } from './cookies.ts';

/** Fixed per api process (from KAIROS_CONSOLE_ORIGIN and KAIROS_COOKIE_SECURE). */
export interface TrpcSettings {
  /** The only Origin a mutation may come from (browsers send it; the console's proxy passes it on). */
  consoleOrigin: string;
  /** Mark cookies Secure (the console is served over https). */
  cookieSecure: boolean;
}

export interface TrpcContext {
  controlPlane: ControlPlane;
  settings: TrpcSettings;
  logger: Logger;
  clientIp: string;
  /** The request's Origin header, when it has one. */
  origin: string | null;
  /** The x-csrf-token header, when it has one. */
  csrfHeader: string | null;
  /** The kairos_csrf cookie, when it has one (used before sign-in). */
  csrfCookie: string | null;
  session: ActiveSession | null;
  /** Headers of the response (procedures add set-cookie, retry-after). */
  responseHeaders: Headers;
  /** Workflow executions by search attributes (console workflow pages). */
  visibility: VisibilityStore;
  /** The engine, for the console's workflow pages (describe, history, signal, cancel, terminate). */
  history: HistoryClient;
}

export async function createTrpcContext(options: {
  controlPlane: ControlPlane;
  settings: TrpcSettings;
  logger: Logger;
  request: Request;
  responseHeaders: Headers;
  clientIp: string;
  visibility: VisibilityStore;
  history: HistoryClient;
}): Promise<TrpcContext> {
  const cookies = parseCookies(options.request.headers.get('cookie'));
  const token = cookies.get(SESSION_COOKIE);
  const session = token === undefined ? null : await options.controlPlane.sessions.resolve(token);
  const context: TrpcContext = {
    controlPlane: options.controlPlane,
    settings: options.settings,
    logger: options.logger,
    clientIp: options.clientIp,
    origin: options.request.headers.get('origin'),
    csrfHeader: options.request.headers.get('x-csrf-token'),
    csrfCookie: cookies.get(CSRF_COOKIE) ?? null,
    session,
    responseHeaders: options.responseHeaders,
    visibility: options.visibility,
    history: options.history,
  };
  // A cookie naming no live session (expired, logged out elsewhere, member removed) is cleared.
  if (token !== undefined && session === null) clearSessionCookies(context);
  return context;
}

const SEVEN_DAYS_SECONDS = 7 * 24 * 60 * 60;

export function setSessionCookies(context: TrpcContext, session: NewSession): void {
  const secure = context.settings.cookieSecure;
  const maxAge =
    Math.max(0, Math.floor((session.expiresAt.getTime() - Date.now()) / 1000)) || SEVEN_DAYS_SECONDS;
  context.responseHeaders.append(
    'set-cookie',
    serializeCookie(SESSION_COOKIE, session.token, { httpOnly: true, sameSite: 'Lax', secure, maxAge }),
  );
  context.responseHeaders.append(
    'set-cookie',
    serializeCookie(CSRF_COOKIE, session.csrfToken, { httpOnly: false, sameSite: 'Strict', secure, maxAge }),
  );
}

/** The pre-sign-in CSRF cookie: lives until the browser closes; sign-in replaces it. */
export function setCsrfCookie(context: TrpcContext, csrfToken: string): void {
  context.responseHeaders.append(
    'set-cookie',
    serializeCookie(CSRF_COOKIE, csrfToken, {
      httpOnly: false,
      sameSite: 'Strict',
      secure: context.settings.cookieSecure,
    }),
  );
}

export function clearSessionCookies(context: TrpcContext): void {
  const secure = context.settings.cookieSecure;
  context.responseHeaders.append(
    'set-cookie',
    serializeCookie(SESSION_COOKIE, '', { httpOnly: true, sameSite: 'Lax', secure, maxAge: 0 }),
  );
  context.responseHeaders.append(
    'set-cookie',
    serializeCookie(CSRF_COOKIE, '', { httpOnly: false, sameSite: 'Strict', secure, maxAge: 0 }),
  );
}

/** The context of procedures behind sessionProcedure. */
export type SessionContext = TrpcContext & { session: ActiveSession; actor: Actor };
