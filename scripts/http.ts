/**
 * One polite HTTP GET for the fetch and update commands: a User-Agent that names Paperboy, a
 * time-out on every request, and retries with exponential back-off when the server says it is
 * busy (429) or broken (5xx), honouring its Retry-After. Other 4xx answers are not retried: the
 * address is wrong, and asking again will not fix it.
 *
 * A download costs at most PAPERBOY_FETCH_MAX_BYTES (50 MB): a larger Content-Length is refused
 * before the body is read, and the body is streamed and dropped the moment it passes the cap,
 * counted after decompression, so a gzip bomb stops there too. Redirects are followed by hand,
 * at most 5, with a warning when one leaves the host. A body that ends before its Content-Length
 * or with the connection dropped is "cut off", not a wrong address.
 *
 * Not here: caching, conditional requests, or anything about what the body means (the caller
 * checks that).
 */
import { STATUS_CODES } from 'node:http';

export const USER_AGENT = 'Paperboy/0.1 (+https://github.com/paperboy; daily-papers reader)';

export const DEFAULT_TIMEOUT_MS = 30_000;
export const DEFAULT_RETRIES = 3;
export const DEFAULT_BACKOFF_MS = 1_000;
/** A server asking for a longer pause than this is waited for this long, then asked again. */
export const MAX_RETRY_WAIT_MS = 60_000;
export const DEFAULT_MAX_BYTES = 50 * 1024 * 1024;
/** The largest PAPERBOY_FETCH_MAX_BYTES: a body is held as one string, and V8 caps those. */
export const MAX_MAX_BYTES = 500 * 1024 * 1024;
/** Redirects followed for one request; browsers follow 20, but a feed needs one or two. */
export const MAX_REDIRECTS = 5;

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
   * The most bytes a body may have, after decompression. Default: the environment's
   * PAPERBOY_FETCH_MAX_BYTES, else 50 MB.
   */
  maxBytes?: number;
  /**
   * The first pause between tries when the server gives no Retry-After; doubled each retry.
   * Default: the environment's PAPERBOY_FETCH_BACKOFF_MS, else 1 s.
   */
  backoffMs?: number;
  /** Read for the PAPERBOY_FETCH_* settings; process.env by default. */
  env?: Record<string, string | undefined>;
  /** What to tell the user after a 404 or 410, e.g. "check the date". */
  notFoundHint?: string;
  /**
   * Progress lines: `fetching <url>`, `<url> answered 503; retrying in 2 s (1/3)`, and
   * `warning: <url> redirected from <host> to another host, <host> (<target>)`.
   */
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

/** "100 bytes", "64 KB", "1.5 MB", "2 GB": a size as a person reads it (1 KB = 1,024 bytes). */
export function size(bytes: number): string {
  const units = ['KB', 'MB', 'GB'] as const;
  if (bytes < 1024) return `${bytes} ${bytes === 1 ? 'byte' : 'bytes'}`;
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${Number(value.toFixed(value < 10 ? 1 : 0))} ${units[unit]}`;
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

/** A positive whole number from the environment, or undefined when unset. */
function envCount(
  env: Record<string, string | undefined>,
  name: string,
  unit: string,
  example: string,
): number | undefined {
  const raw = env[name]?.trim();
  if (!raw) return undefined;
  if (!/^\d+$/.test(raw) || Number(raw) <= 0)
    throw new SettingError(
      `${name}="${raw}" is not a number of ${unit}; unset it or give one, e.g. ${name}=${example}`,
    );
  return Number(raw);
}

/** A positive whole number of milliseconds from the environment, or undefined when unset. */
export const envMs = (env: Record<string, string | undefined>, name: string) =>
  envCount(env, name, 'milliseconds', '60000');

/** PAPERBOY_FETCH_MAX_BYTES, checked (at most 500 MB), or undefined when unset. */
export function envMaxBytes(env: Record<string, string | undefined>): number | undefined {
  const name = 'PAPERBOY_FETCH_MAX_BYTES';
  const value = envCount(env, name, 'bytes', `${100 * 1024 * 1024} (100 MB)`);
  if (value !== undefined && value > MAX_MAX_BYTES)
    throw new SettingError(
      `${name}=${value} (${size(value)}) is more than a download can be held as text; give at most ${MAX_MAX_BYTES} (${size(MAX_MAX_BYTES)})`,
    );
  return value;
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

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/**
 * GETs `url`, following redirects by hand: at most MAX_REDIRECTS, never in a loop, only to
 * http(s), and with a warning when one leaves the host. Returns the first answer that is not a
 * redirect and the address that gave it.
 */
async function follow(
  url: string,
  init: RequestInit,
  doFetch: typeof fetch,
  progress: ((line: string) => void) | undefined,
): Promise<{ response: Response; url: string }> {
  const chain = [url];
  let current = url;
  for (;;) {
    const response = await doFetch(current, { ...init, redirect: 'manual' });
    if (!REDIRECTS.has(response.status)) return { response, url: current };
    await response.body?.cancel();
    const location = response.headers.get('location');
    if (!location)
      throw new FetchError(
        `${current} answered ${statusLine(response)} without saying where to (no Location); check the address`,
        url,
        response.status,
      );
    const next = URL.canParse(location, current) ? new URL(location, current) : undefined;
    if (next?.protocol !== 'http:' && next?.protocol !== 'https:')
      throw new FetchError(
        `${url} redirected to ${location}, which is not an http(s) address; check the address`,
        url,
      );
    const seen = chain.indexOf(next.href);
    if (seen >= 0)
      throw new FetchError(
        `${url} redirects in a loop (${[...chain.slice(seen), next.href].join(' → ')}); check the address`,
        url,
      );
    chain.push(next.href);
    if (chain.length > MAX_REDIRECTS + 1)
      throw new FetchError(
        `${url} redirected more than ${MAX_REDIRECTS} times (the ${MAX_REDIRECTS + 1}th to ${next.href}); check the address`,
        url,
      );
    const from = new URL(current).hostname;
    if (next.hostname !== from)
      progress?.(
        `warning: ${current} redirected from ${from} to another host, ${next.hostname} (${next.href})`,
      );
    current = next.href;
  }
}

const cutOff = (url: string, received: number, declared: number | undefined) =>
  new FetchError(
    `${url}: the download was cut off after ${received.toLocaleString('en-US')} ${
      declared === undefined ? 'bytes' : `of ${declared.toLocaleString('en-US')} bytes`
    }; try again later`,
    url,
  );

/**
 * Reads a body as UTF-8 text (a byte-order mark dropped, as Response.text() does), refusing it
 * past `maxBytes`: from its Content-Length before reading, else the moment the decompressed
 * bytes pass the cap. A body that stops early, or whose connection drops, is cut off.
 */
async function readBody(response: Response, url: string, maxBytes: number): Promise<string> {
  const encoding = response.headers.get('content-encoding')?.trim().toLowerCase();
  const compressed = !!encoding && encoding !== 'identity';
  const length = response.headers.get('content-length')?.trim();
  // With a Content-Encoding the length counts compressed bytes, and fetch hands out decompressed ones.
  const declared = length && /^\d+$/.test(length) ? Number(length) : undefined;
  const raise =
    'is the address right? If the feed really is that large, raise PAPERBOY_FETCH_MAX_BYTES';
  if (declared !== undefined && declared > maxBytes) {
    await response.body?.cancel();
    throw new FetchError(
      `${url} announced ${size(declared)} (Content-Length), more than the ${size(maxBytes)} Paperboy reads (PAPERBOY_FETCH_MAX_BYTES); ${raise}`,
      url,
    );
  }
  const chunks: Uint8Array[] = [];
  let received = 0;
  const reader = response.body?.getReader();
  for (;;) {
    let chunk: ReadableStreamReadResult<Uint8Array> | undefined;
    try {
      chunk = await reader?.read();
    } catch (error) {
      if (isTimeout(error)) throw error;
      throw cutOff(url, received, compressed ? undefined : declared);
    }
    if (!chunk || chunk.done) break;
    received += chunk.value.byteLength;
    if (received > maxBytes) {
      // Cancelling the stream closes the connection: the rest is never downloaded.
      await reader?.cancel();
      throw new FetchError(
        `${url} sent more than ${size(maxBytes)}${compressed ? ` once decompressed (it came ${encoding}-compressed)` : ''}, the most Paperboy reads (PAPERBOY_FETCH_MAX_BYTES); ${raise}`,
        url,
      );
    }
    chunks.push(chunk.value);
  }
  if (!compressed && declared !== undefined && received < declared)
    throw cutOff(url, received, declared);
  return new TextDecoder().decode(Buffer.concat(chunks));
}

/**
 * GETs `url` and returns the body as text. Retries 429 and 5xx answers up to `retries` times,
 * waiting what Retry-After says (at most 60 s) or an exponential back-off; throws FetchError
 * with a one-line message for everything else that goes wrong (a body over the cap, too many
 * redirects, a download cut off), and SettingError for an unusable PAPERBOY_FETCH_* setting.
 */
export async function fetchText(url: string, options: FetchTextOptions = {}): Promise<string> {
  const env = options.env ?? process.env;
  const timeoutMs =
    options.timeoutMs ?? envMs(env, 'PAPERBOY_FETCH_TIMEOUT_MS') ?? DEFAULT_TIMEOUT_MS;
  const baseMs = options.backoffMs ?? envMs(env, 'PAPERBOY_FETCH_BACKOFF_MS') ?? DEFAULT_BACKOFF_MS;
  const maxBytes = options.maxBytes ?? envMaxBytes(env) ?? DEFAULT_MAX_BYTES;
  const retries = options.retries ?? DEFAULT_RETRIES;
  const doFetch = options.fetch ?? fetch;
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? ((ms: number) => new Promise((r) => setTimeout(r, ms)));
  const headers: Record<string, string> = { 'User-Agent': USER_AGENT };
  if (options.accept) headers.Accept = options.accept;

  options.progress?.(`fetching ${url}`);
  for (let attempt = 0; ; attempt++) {
    let response: Response;
    let answered: string;
    try {
      // The signal covers the redirects and the body too: a server that sends headers and then
      // stalls still times out.
      const signal = AbortSignal.timeout(timeoutMs);
      ({ response, url: answered } = await follow(
        url,
        { headers, signal },
        doFetch,
        options.progress,
      ));
      if (response.ok) return await readBody(response, answered, maxBytes);
      await response.body?.cancel();
    } catch (error) {
      throw failure(error, url, timeoutMs);
    }
    const status = statusLine(response);
    if (isRetryable(response.status) && attempt < retries) {
      const wait =
        retryAfterMs(response.headers.get('retry-after'), now()) ?? backoffMs(attempt + 1, baseMs);
      options.progress?.(
        `${answered} answered ${response.status}; retrying in ${seconds(wait)} (${attempt + 1}/${retries})`,
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
      `${answered} answered ${status}${tries > 1 ? ` ${tries} times` : ''}; ${fix}`,
      url,
      response.status,
    );
  }
}
