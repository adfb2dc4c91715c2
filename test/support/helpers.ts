/**
 * Small helpers of the integration tests. The 元 formatter is the tests' own, independent of libs/domain, so an
 * expected amount computed in 分 by a test is never formatted by the code under test.
 */

/** 分 → a 元 string with two decimals: 12345n → "123.45", -5n → "-0.05". */
export function yuanOf(fen: bigint): string {
  const abs = fen < 0n ? -fen : fen;
  return `${fen < 0n ? '-' : ''}${abs / 100n}.${(abs % 100n).toString().padStart(2, '0')}`;
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Polls `condition` every 50 ms until it holds; a throw counts as "not yet" (a connection may be restarting). */
export async function waitUntil(condition: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      if (await condition()) return;
    } catch {
      // not yet
    }
    if (Date.now() > deadline) throw new Error('timed out');
    await sleep(50);
  }
}
