/**
 * Writes the renderers' sample document (libs/documents/src/render/sample-tree.ts: seed 000's figures) as docx,
 * xlsx and html, to look at the pages:
 *   npx ts-node --transpile-only -r tsconfig-paths/register scripts/sample-document.ts /tmp/sample
 *   bash scripts/render-pages.sh /tmp/sample/sample.docx /tmp/sample/sample.xlsx /tmp/sample/pages
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderDocx, renderHtml, renderXlsx } from '../libs/documents/src/render';
import { sampleTree } from '../libs/documents/src/render/sample-tree';

async function main(): Promise<void> {
  const outdir = process.argv[2] ?? '/tmp/sample';
  mkdirSync(outdir, { recursive: true });
  const tree = sampleTree();
  writeFileSync(join(outdir, 'sample.docx'), await renderDocx(tree));
  writeFileSync(join(outdir, 'sample.xlsx'), await renderXlsx(tree));
  writeFileSync(join(outdir, 'sample.html'), renderHtml(tree));
  console.log(`sample.docx, sample.xlsx, sample.html in ${outdir}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
