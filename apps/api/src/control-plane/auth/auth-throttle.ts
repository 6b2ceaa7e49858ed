import { ResourceExhausted } from '@kairos/errors';
import { SlidingWindowRateLimiter } from './rate-limiter.ts';

const MINUTE = 60_000;

/** A refused attempt; the message tells when to retry, and the HTTP edge sends Retry-After too. */
export class RateLimited extends ResourceExhausted {
  constructor(
    what: string,
    readonly retryAfterSeconds: number,
  ) {
    super(`${what}; try again in ${retryAfterSeconds} seconds`);
  }
}

/**
 * The console's brute-force brakes (per api process, see rate-limiter.ts):
 * - log-in: 5 failures per (ip, email) and 30 failures per ip in 15 minutes; a success clears the
 *   (ip, email) count. Checked before the password, so a blocked client learns nothing more.
 * - sign-up: 10 attempts per ip per hour.
 */
export class AuthThrottle {
  private readonly failuresByIpAndEmail: SlidingWindowRateLimiter;
  private readonly failuresByIp: SlidingWindowRateLimiter;
  private readonly signUpsByIp: SlidingWindowRateLimiter;

  constructor(now: () => number = Date.now) {
    this.failuresByIpAndEmail = new SlidingWindowRateLimiter({ limit: 5, windowMs: 15 * MINUTE, now });
    this.failuresByIp = new SlidingWindowRateLimiter({ limit: 30, windowMs: 15 * MINUTE, now });
    this.signUpsByIp = new SlidingWindowRateLimiter({ limit: 10, windowMs: 60 * MINUTE, now });
  }

  assertLogInAllowed(ip: string, email: string): void {
    for (const verdict of [this.failuresByIpAndEmail.check(`${ip} ${email}`), this.failuresByIp.check(ip)])
      if (!verdict.allowed)
        throw new RateLimited('too many failed log-ins', Math.ceil(verdict.retryAfterMs / 1000));
  }

  recordLogInFailure(ip: string, email: string): void {
    this.failuresByIpAndEmail.record(`${ip} ${email}`);
    this.failuresByIp.record(ip);
  }

  recordLogInSuccess(ip: string, email: string): void {
    this.failuresByIpAndEmail.reset(`${ip} ${email}`);
  }

  consumeSignUp(ip: string): void {
    const verdict = this.signUpsByIp.consume(ip);
    if (!verdict.allowed)
      throw new RateLimited('too many sign-ups from this address', Math.ceil(verdict.retryAfterMs / 1000));
  }
}
