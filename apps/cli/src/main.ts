import { version } from '../../../package.json';
import { runCli } from './program';

/**
 * `budget` (SPEC §13): the command line of the budget execution tracker, a client of its HTTP API. Started by
 * bin/budget.js (`npx budget …`), from the build (`npx nest build cli` → dist/apps/cli/main.js) or the sources.
 */
// Output piped into a command that stops reading (`budget report … | head`) ends the CLI quietly.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
}

void runCli(process.argv, version).then((code) => {
  process.exitCode = code;
});
