// Who may use the browser host: one-time login codes, exchanged for a
// per-run session cookie.
//
// Whatever a browser is started with sits in its argv, and every local user
// can read argv in `ps`. So no secret is ever passed to another process: the
// session secret only leaves this process as an HttpOnly cookie, and the URL a
// user opens carries a code that works once, for a short time, and is worth
// nothing after the page has used it.
import { randomBytes, timingSafeEqual } from 'node:crypto';

export const CODE_TTL_MS = 2 * 60_000;
/** Codes minted but not yet used; the oldest are dropped beyond this. */
const MAX_PENDING = 32;

interface Pending {
  code: Buffer;
  expires: number;
  onUsed?: () => void;
}

export class SessionAuth {
  /** Cookies ignore ports: the port in the name keeps two Quarry hosts on one machine from logging each other out. */
  readonly cookieName: string;
  private readonly secret = Buffer.from(randomBytes(32).toString('base64url'));
  private pending: Pending[] = [];

  constructor(
    port: number,
    private readonly ttlMs = CODE_TTL_MS,
    private readonly now: () => number = Date.now,
  ) {
    this.cookieName = `quarry_session_${port}`;
  }

  /** A new one-time code; `onUsed` runs when it is exchanged. */
  mint(onUsed?: () => void): string {
    const code = randomBytes(32).toString('base64url');
    this.drop();
    this.pending.push({ code: Buffer.from(code), expires: this.now() + this.ttlMs, onUsed });
    if (this.pending.length > MAX_PENDING) this.pending.shift();
    return code;
  }

  /** True once per valid, unexpired code; the code is spent. Compared in constant time. */
  consume(given: string | null): boolean {
    this.drop();
    if (!given) return false;
    const g = Buffer.from(given);
    // Compare against every pending code, so the time taken says nothing about which one (or how much of it) matched.
    let hit = -1;
    this.pending.forEach((p, i) => {
      if (p.code.length === g.length && timingSafeEqual(p.code, g)) hit = i;
    });
    if (hit < 0) return false;
    const [used] = this.pending.splice(hit, 1);
    try {
      used.onUsed?.();
    } catch {
      /* the listener's trouble is not the login's */
    }
    return true;
  }

  /** The Set-Cookie value that carries the session: for this run, never readable by scripts, never sent cross-site. */
  cookie(): string {
    return `${this.cookieName}=${this.secret.toString()}; HttpOnly; SameSite=Strict; Path=/`;
  }

  /** Does this Cookie header carry the session? A duplicate of our cookie (set by a neighbour page) cannot help or hurt: any one matching is enough. */
  sessionOk(cookieHeader: string | undefined): boolean {
    if (!cookieHeader) return false;
    let ok = false;
    for (const part of cookieHeader.split(';')) {
      const eq = part.indexOf('=');
      if (eq < 0 || part.slice(0, eq).trim() !== this.cookieName) continue;
      const value = Buffer.from(part.slice(eq + 1).trim());
      if (value.length === this.secret.length && timingSafeEqual(value, this.secret)) ok = true;
    }
    return ok;
  }

  private drop(): void {
    const t = this.now();
    this.pending = this.pending.filter((p) => p.expires > t);
  }
}
