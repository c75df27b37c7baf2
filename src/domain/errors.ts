/**
 * The one error type the digest parser and the ingest pipeline throw. It names the line (when
 * there is one) and says what to do; the CLI prefixes the file name and prints only the message.
 */
export class DigestError extends Error {
  override readonly name = 'DigestError';
  constructor(
    message: string,
    /** 1-based line number in the input, when the problem is on a line. */
    readonly line?: number,
  ) {
    super(line === undefined ? message : `line ${line}: ${message}`);
  }
}
