/**
 * Times as the console shows them: UTC to the minute, the same on the server and in every
 * browser (so nothing differs between the server render and hydration, whatever the user's zone).
 */
export function formatTime(iso: string | null | undefined): string {
  if (iso === null || iso === undefined) return '—';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}
