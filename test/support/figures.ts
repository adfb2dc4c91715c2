import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

/** Where the fault suites leave their figures; `scripts/test.sh` prints the file after the summary line. */
export const FIGURES_FILE = join(__dirname, '../../test-artifacts/reliability-figures.txt');

/** Prints one suite's reliability figures (kills survived, events, hostile inputs, differences) and keeps them. */
export function reportFigures(suite: string, figures: string): void {
  console.log(`${suite}: ${figures}`);
  mkdirSync(join(FIGURES_FILE, '..'), { recursive: true });
  appendFileSync(FIGURES_FILE, `  ${suite}: ${figures}\n`);
}
