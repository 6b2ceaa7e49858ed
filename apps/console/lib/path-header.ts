/** Request header in which proxy.ts hands the page's path and query to server components. */
export const pathHeader = 'x-kairos-path';
