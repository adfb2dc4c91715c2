/**
 * An error the CLI reports as one Chinese message on stderr and an exit status, never a stack trace:
 * 2 for a bad file, a bad argument, an API error or an unreachable API (nothing further is done);
 * 1 is kept for an import that finished with rejected rows.
 */
export class CliError extends Error {
  constructor(message: string, readonly exitCode = 2) {
    super(message);
  }
}

export const EXIT_OK = 0;
export const EXIT_REJECTED = 1;
export const EXIT_FAILED = 2;
