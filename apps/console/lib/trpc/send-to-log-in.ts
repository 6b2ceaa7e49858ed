import { logInPath } from '../next-path.ts';

/** Browser only: a full navigation to the log-in page that brings the user back to this page. */
export function sendToLogIn(): void {
  window.location.assign(logInPath(`${window.location.pathname}${window.location.search}`));
}
