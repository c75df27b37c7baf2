/**
 * The one error type the input parsers and the ingest pipeline throw. It names the line (when
 * there is one) and the format the input was read as, and says what to do; the CLI prefixes the
 * file name and prints only the message.
 */
export class DigestError extends Error {
  override readonly name = 'DigestError';
  constructor(
    /** What is wrong and the fix, without the line or format. */
    readonly reason: string,
    /** 1-based line number in the input, when the problem is on a line. */
    readonly line?: number,
    /** The format the input was recognised as ("arXiv RSS"), when known. */
    readonly format?: string,
  ) {
    super(
      `${line === undefined ? '' : `line ${line}: `}${format ? `read as ${format}: ` : ''}${reason}`,
    );
  }
}
