/**
 * One polite HTTP GET for the fetch and update commands: a User-Agent that names Paperboy, a
 * time-out on every request, and retries with exponential back-off when the server says it is
 * busy (429) or broken (5xx), honouring its Retry-After. Other 4xx answers are not retried: the
 * address is wrong, and asking again will not fix it.
 *
 * Not here: caching, conditional requests, redirects beyond what fetch follows by itself, or
 * anything about what the body means (the caller checks that).
 */
import { STATUS_CODES } from 'node:http';

export const USER_AGENT = 'Paperboy/0.1 (+https://github.com/paperboy; daily-papers reader)';

export const DEFAULT_TIMEOUT_MS = 30_000;
export const DEFAULT_RETRIES = 3;
export const DEFAULT_BACKOFF_MS = 1_000;
/** A server asking for a longer pause than this is waited for this long, then asked again. */
export const MAX_RETRY_WAIT_MS = 60_000;

export interface FetchTextOptions {
  /** The fetch to use; Node's global fetch by default. */
  fetch?: typeof fetch;
  /** Sent as Accept, e.g. `application/json`. */
  accept?: string;
  /**
   * Milliseconds before a request (headers and body) is given up. Default: the environment's
   * PAPERBOY_FETCH_TIMEOUT_MS, else 30 s.
   */
  timeoutMs?: number;
  /** Retries after a 429 or 5xx answer. Default 3. */
  retries?: number;
  /**
   * The first pause between tries when the server gives no Retry-After; doubled each retry.
   * Default: the environment's PAPERBOY_FETCH_BACKOFF_MS, else 1 s.
   */
  backoffMs?: number;
  /** Read for PAPERBOY_FETCH_TIMEOUT_MS and PAPERBOY_FETCH_BACKOFF_MS; process.env by default. */
  env?: Record<string, string | undefined>;
  /** What to tell the user after a 404 or 410, e.g. "check the date". */
  notFoundHint?: string;
  /** Progress lines: `fetching <url>`, `<url> answered 503; retrying in 2 s (1/3)`. */
  progress?: (line: string) => void;
  /** The clock for Retry-After dates; Date.now by default. */
  now?: () => number;
  /** Waits between tries; a timer by default. */
  sleep?: (ms: number) => Promise<void>;
}

/** A request that failed in a way the user can act on; the message is one line with the fix. */
export class FetchError extends Error {
  override readonly name = 'FetchError';
  constructor(
    message: string,
    readonly url: string,
    /** The HTTP status of the last answer, when there was one. */
    readonly status?: number,
  ) {
    super(message);
  }
}

/** "2 s", "0.2 s", "1.5 s": a pause or a time-out as a person reads it. */
export function seconds(ms: number): string {
  return `${ms < 10_000 ? Number((ms / 1000).toPrecision(2)) : Math.round(ms / 1000)} s`;
}

/**
 * The pause a Retry-After header asks for, in milliseconds, capped at 60 s; undefined when the
 * header is absent or unreadable. Takes both forms: delay-seconds (`120`) and an HTTP date.
 */
export function retryAfterMs(header: string | null, nowMs: number): number | undefined {
  const value = header?.trim();
  if (!value) return undefined;
  if (/^\d+$/.test(value)) return Math.min(Number(value) * 1000, MAX_RETRY_WAIT_MS);
  const at = Date.parse(value);
  if (Number.isNaN(at)) return undefined;
  return Math.min(Math.max(0, at - nowMs), MAX_RETRY_WAIT_MS);
}

/** The pause before retry `attempt` (1-based) without a Retry-After: base, 2×base, 4×base… */
export function backoffMs(attempt: number, baseMs: number): number {
  return Math.min(baseMs * 2 ** (attempt - 1), MAX_RETRY_WAIT_MS);
}

const isRetryable = (status: number) => status === 429 || status >= 500;

function statusLine(response: Response): string {
  const text = response.statusText || STATUS_CODES[response.status] || '';
  return `${response.status}${text ? ` ${text}` : ''}`;
}

/** A setting in the environment that cannot be used; not a network failure. */
export class SettingError extends Error {
  override readonly name = 'SettingError';
}

/** A positive whole number of milliseconds from the environment, or undefined when unset. */
export function envMs(env: Record<string, string | undefined>, name: string): number | undefined {
  const raw = env[name]?.trim();
  if (!raw) return undefined;
  if (!/^\d+$/.test(raw) || Number(raw) <= 0)
    throw new SettingError(
      `${name}="${raw}" is not a number of milliseconds; unset it or give one, e.g. ${name}=60000`,
    );
  return Number(raw);
}

/** The innermost cause of a failed fetch, and its system error code (ENOTFOUND…) if any. */
function rootCause(error: unknown): { code?: string; message: string } {
  const seen = new Set<unknown>();
  const queue = [error];
  let message = error instanceof Error ? error.message : String(error);
  while (queue.length) {
    const e = queue.shift();
    if (!e || typeof e !== 'object' || seen.has(e)) continue;
    seen.add(e);
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && /^E[A-Z_]+$/.test(code)) return { code, message };
    if (e instanceof Error && e.message) message = e.message;
    queue.push((e as { cause?: unknown }).cause, ...((e as { errors?: unknown[] }).errors ?? []));
  }
  return { message };
}

const isTimeout = (error: unknown) =>
  error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');

/** Turns what fetch threw into a FetchError that says what to do. */
function failure(error: unknown, url: string, timeoutMs: number): FetchError {
  if (error instanceof FetchError) return error;
  if (isTimeout(error))
    return new FetchError(
      `${url} did not answer within ${seconds(timeoutMs)}; try again later, or allow more time with PAPERBOY_FETCH_TIMEOUT_MS`,
      url,
    );
  const cause = rootCause(error);
  const origin = URL.canParse(url) ? new URL(url).origin : url;
  // A system error (ENOTFOUND, ECONNREFUSED, ECONNRESET) is the network; anything else (fetch
  // refusing a "bad port", a malformed address) is the address.
  return new FetchError(
    cause.code
      ? `cannot reach ${origin} (${cause.code}); are you online?`
      : `cannot reach ${origin} (${cause.message}); check the address`,
    url,
  );
}

/**
 * GETs `url` and returns the body as text. Retries 429 and 5xx answers up to `retries` times,
 * waiting what Retry-After says (at most 60 s) or an exponential back-off; throws FetchError
 * with a one-line message for everything else that goes wrong, and SettingError for an unusable
 * PAPERBOY_FETCH_TIMEOUT_MS or PAPERBOY_FETCH_BACKOFF_MS.
 */
export async function fetchText(url: string, options: FetchTextOptions = {}): Promise<string> {
  const env = options.env ?? process.env;
  const timeoutMs =
    options.timeoutMs ?? envMs(env, 'PAPERBOY_FETCH_TIMEOUT_MS') ?? DEFAULT_TIMEOUT_MS;
  const baseMs = options.backoffMs ?? envMs(env, 'PAPERBOY_FETCH_BACKOFF_MS') ?? DEFAULT_BACKOFF_MS;
  const retries = options.retries ?? DEFAULT_RETRIES;
  const doFetch = options.fetch ?? fetch;
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? ((ms: number) => new Promise((r) => setTimeout(r, ms)));
  const headers: Record<string, string> = { 'User-Agent': USER_AGENT };
  if (options.accept) headers.Accept = options.accept;

  options.progress?.(`fetching ${url}`);
  for (let attempt = 0; ; attempt++) {
    let response: Response;
    let body: string;
    try {
      // The signal covers the body too: a server that sends headers and then stalls still times out.
      response = await doFetch(url, { headers, signal: AbortSignal.timeout(timeoutMs) });
      body = await response.text();
    } catch (error) {
      throw failure(error, url, timeoutMs);
    }
    if (response.ok) return body;
    const status = statusLine(response);
    if (isRetryable(response.status) && attempt < retries) {
      const wait =
        retryAfterMs(response.headers.get('retry-after'), now()) ?? backoffMs(attempt + 1, baseMs);
      options.progress?.(
        `${url} answered ${response.status}; retrying in ${seconds(wait)} (${attempt + 1}/${retries})`,
      );
      await sleep(wait);
      continue;
    }
    const tries = attempt + 1;
    const fix =
      response.status === 429
        ? 'the server asks us to slow down; try again later'
        : response.status >= 500
          ? 'the server is having trouble; try again later'
          : response.status === 404 || response.status === 410
            ? (options.notFoundHint ?? 'check the address')
            : response.status === 401 || response.status === 403
              ? 'the server refuses Paperboy; check the address, or try again later'
              : 'check the address';
    throw new FetchError(
      `${url} answered ${status}${tries > 1 ? ` ${tries} times` : ''}; ${fix}`,
      url,
      response.status,
    );
  }
}
