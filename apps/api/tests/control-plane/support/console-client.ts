import { randomInt } from 'node:crypto';

/** What a tRPC call answered: `data` on success, `error` (tRPC's error shape) otherwise. */
export interface TrpcAnswer<T = unknown> {
  status: number;
  data: T | undefined;
  error:
    | {
        message: string;
        code: number;
        data: { code: string; httpStatus: number; path?: string; fieldErrors?: Record<string, string[]> };
      }
    | undefined;
  headers: Headers;
}

export interface CallOptions {
  /** x-csrf-token: default the kairos_csrf cookie (fetched with auth.csrf first if absent); null = none. */
  csrf?: string | null;
  /** Origin header: default the console's; null = none. */
  origin?: string | null;
}

/**
 * A browser talking to /trpc as the console's proxy does (plain JSON, no batching): keeps cookies,
 * sends x-csrf-token from the kairos_csrf cookie, and an x-forwarded-for address of its own, so rate
 * limits of one test never hit another.
 */
export class ConsoleClient {
  readonly cookies = new Map<string, string>();
  readonly ip = `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`;

  constructor(
    readonly baseUrl: string,
    private readonly options: { origin: string },
  ) {}

  query<T = unknown>(path: string, input?: unknown, options: CallOptions = {}): Promise<TrpcAnswer<T>> {
    const query = input === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify(input))}`;
    return this.send<T>('GET', `${path}${query}`, undefined, options);
  }

  async mutation<T = unknown>(
    path: string,
    input?: unknown,
    options: CallOptions = {},
  ): Promise<TrpcAnswer<T>> {
    if (options.csrf === undefined && !this.cookies.has('kairos_csrf')) await this.query('auth.csrf');
    const body = input === undefined ? undefined : JSON.stringify(input);
    return this.send<T>('POST', path, body, options);
  }

  /** query/mutation that must succeed: returns the data or throws with the error. */
  async ok<T = unknown>(kind: 'query' | 'mutation', path: string, input?: unknown): Promise<T> {
    const answer = kind === 'query' ? await this.query<T>(path, input) : await this.mutation<T>(path, input);
    if (answer.error || answer.status !== 200)
      throw new Error(`${path} answered ${answer.status}: ${JSON.stringify(answer.error)}`);
    return answer.data as T;
  }

  private async send<T>(
    method: string,
    path: string,
    body: string | undefined,
    options: CallOptions,
  ): Promise<TrpcAnswer<T>> {
    const headers: Record<string, string> = { 'x-forwarded-for': this.ip };
    if (method === 'POST') headers['content-type'] = 'application/json';
    const cookie = [...this.cookies]
      .map(([name, value]) => `${name}=${encodeURIComponent(value)}`)
      .join('; ');
    if (cookie) headers.cookie = cookie;
    const origin = options.origin === undefined ? this.options.origin : options.origin;
    if (origin !== null) headers.origin = origin;
    const csrf = options.csrf === undefined ? this.cookies.get('kairos_csrf') : options.csrf;
    if (csrf !== null && csrf !== undefined && method === 'POST') headers['x-csrf-token'] = csrf;
    const response = await fetch(`${this.baseUrl}/trpc/${path}`, { method, headers, body });
    this.keepCookies(response.headers.getSetCookie());
    const text = await response.text();
    let json: { result?: { data?: T }; error?: TrpcAnswer<T>['error'] } = {};
    try {
      json = JSON.parse(text) as typeof json;
    } catch {
      throw new Error(`${path} answered ${response.status} with non-JSON: ${text.slice(0, 200)}`);
    }
    return { status: response.status, data: json.result?.data, error: json.error, headers: response.headers };
  }

  private keepCookies(setCookies: string[]): void {
    for (const line of setCookies) {
      const [pair = '', ...attributes] = line.split(';');
      const separator = pair.indexOf('=');
      const name = pair.slice(0, separator).trim();
      const value = decodeURIComponent(pair.slice(separator + 1).trim());
      const expired = attributes.some((attribute) => attribute.trim().toLowerCase() === 'max-age=0');
      if (expired) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }
}
