/**
 * Builds and checks the classification catalogue data (README.md beside this file says where the entries come from).
 *
 *   npx ts-node --transpile-only libs/domain/src/catalogue/data/build-catalogue.ts            # check only
 *   npx ts-node --transpile-only libs/domain/src/catalogue/data/build-catalogue.ts --write    # normalise and write
 *   … --seeds /path/to/shared/seeds                                                              # default ../shared/seeds
 *
 * What it does, in order:
 * 1. Normalises every name: half-width brackets → full-width （）, no spaces (PDF artefacts of the seeds).
 * 2. Adds each version of REPEATED that is missing as a copy of its source version (every version complete on its
 *    own, README rule). 2025 repeats 2024: no 2025 《政府收支分类科目》 table could be sourced, so its revisions are not
 *    applied; a 2025 code the catalogue lacks takes its event's name (SPEC §11).
 * 3. Checks the shape: keys are 3/5/7 digits (function) or 3/5 digits (economic); every 款 has its 类 and every 项
 *    its 款 in the same version.
 * 4. Checks the seeds: every code printed in a seed's tables is in the catalogue of the seed's year under the name
 *    printed (normalised as in 1.).
 * 5. Prints the counts per version; with --write, writes the files (codes in hierarchical order).
 * Exits 1 on any finding.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

interface CatalogueFile {
  description: string;
  versions: Record<string, Record<string, string>>;
}

const DATA = __dirname;
const FILES = { function: join(DATA, 'function-codes.json'), economic: join(DATA, 'economic-codes.json') } as const;
type Classification = keyof typeof FILES;
const KEY_LENGTHS: Record<Classification, number[]> = { function: [3, 5, 7], economic: [3, 5] };

/** Versions written as a copy of another because no source for their own revision was available. */
const REPEATED: Record<string, string> = { '2025': '2024' };

/** Seed documents and the catalogue version whose names they print (file name prefix → year). */
const SEED_YEARS: [RegExp, string][] = [
  [/^000_/, '2023'], // 2023 部门决算, 泉港区人民政府办公室
  [/^004_/, '2023'], // 2023 部门预算, 秦皇岛市山海关区 机关事务管理部门
  [/^001_/, '2024'], // 2024 部门预算, 秦皇岛市海港区人民政府办公室
];

export function normaliseName(name: string): string {
  return name.replace(/\s+/g, '').replace(/\(/g, '（').replace(/\)/g, '）');
}

/** The classification a printed code belongs to: function codes start with 2, economic codes with 3. */
function classify(code: string): Classification | null {
  if (/^2\d{2}(\d{2}(\d{2})?)?$/.test(code)) return 'function';
  if (/^3\d{2}(\d{2})?$/.test(code)) return 'economic';
  return null;
}

const isAmount = (cell: string) => /^-?[\d,]+(\.\d+)?$/.test(cell);

/**
 * (code, printed name) pairs of a seed's tables: markdown rows (`| 2030608 | | | 边海防 | 305.39 |`, and 06's
 * code/name/amount triples) and the one-cell-per-line tables of the 部门预算 seeds (a code line, then its name).
 */
export function printedCodes(text: string): { classification: Classification; code: string; name: string }[] {
  const found: { classification: Classification; code: string; name: string }[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (line.trim().startsWith('|')) {
      const cells = line.split('|').map((c) => c.trim());
      for (let j = 0; j < cells.length; j++) {
        const classification = classify(cells[j]);
        if (!classification) continue;
        const next = cells.slice(j + 1).find((c) => c !== '');
        if (next && !isAmount(next) && !classify(next)) found.push({ classification, code: cells[j], name: normaliseName(next) });
      }
      continue;
    }
    const code = line.trim();
    const classification = classify(code);
    const next = lines[i + 1]?.trim();
    if (classification && line.startsWith('\t') && next && !isAmount(next) && !classify(next)) found.push({ classification, code, name: normaliseName(next) });
  }
  return found;
}

/** Codes in hierarchical order (201, 20101, 2010101, …, 202); JavaScript would put integer-like keys in numeric order. */
const byCode = ([a]: [string, string], [b]: [string, string]) => (a < b ? -1 : a > b ? 1 : 0);

/** The file as JSON with 2-space indentation and each version's codes in hierarchical order. */
function serialise(file: CatalogueFile): string {
  const versions = Object.keys(file.versions)
    .sort()
    .map((year) => {
      const entries = Object.entries(file.versions[year]).sort(byCode).map(([code, name]) => `      ${JSON.stringify(code)}: ${JSON.stringify(name)}`);
      return `    ${JSON.stringify(year)}: {\n${entries.join(',\n')}\n    }`;
    });
  return `{\n  "description": ${JSON.stringify(file.description)},\n  "versions": {\n${versions.join(',\n')}\n  }\n}\n`;
}

function main(argv: string[]): number {
  const write = argv.includes('--write');
  const seedsArg = argv.indexOf('--seeds');
  const seedsDir = seedsArg >= 0 ? resolve(argv[seedsArg + 1]) : resolve(DATA, '../../../../../../shared/seeds');
  const findings: string[] = [];
  const files = {} as Record<Classification, CatalogueFile>;

  for (const classification of Object.keys(FILES) as Classification[]) {
    const file: CatalogueFile = JSON.parse(readFileSync(FILES[classification], 'utf8'));
    for (const [target, source] of Object.entries(REPEATED)) {
      if (!file.versions[target]) file.versions[target] = { ...file.versions[source] };
    }
    for (const year of Object.keys(file.versions)) {
      const version = file.versions[year];
      for (const [code, name] of Object.entries(version)) {
        version[code] = normaliseName(name);
        if (!KEY_LENGTHS[classification].includes(code.length) || !/^\d+$/.test(code)) findings.push(`${classification} ${year}: bad key ${code}`);
        if (code.length > 3 && !version[code.slice(0, 3)]) findings.push(`${classification} ${year}: ${code} without its 类 ${code.slice(0, 3)}`);
        if (code.length === 7 && !version[code.slice(0, 5)]) findings.push(`${classification} ${year}: ${code} without its 款 ${code.slice(0, 5)}`);
      }
    }
    files[classification] = file;
  }

  if (existsSync(seedsDir)) {
    for (const seed of readdirSync(seedsDir).sort()) {
      const year = SEED_YEARS.find(([pattern]) => pattern.test(seed))?.[1];
      if (!year) continue;
      const checked = new Set<string>();
      for (const { classification, code, name } of printedCodes(readFileSync(join(seedsDir, seed), 'utf8'))) {
        checked.add(code);
        const ours = files[classification].versions[year][code];
        if (ours === undefined) findings.push(`${seed}: ${code} ${name} is not in the ${year} ${classification} catalogue`);
        else if (ours !== name) findings.push(`${seed}: ${code} printed 「${name}」, catalogue ${year} has 「${ours}」`);
      }
      console.log(`${seed} (${year}): ${checked.size} printed codes checked`);
    }
  } else {
    findings.push(`seeds not found at ${seedsDir} (pass --seeds DIR)`);
  }

  for (const classification of Object.keys(FILES) as Classification[]) {
    for (const [year, version] of Object.entries(files[classification].versions)) {
      const counts = KEY_LENGTHS[classification].map((n) => `${n}-digit ${Object.keys(version).filter((c) => c.length === n).length}`);
      console.log(`${classification} ${year}: ${counts.join(', ')}`);
    }
    if (write) writeFileSync(FILES[classification], serialise(files[classification]));
  }
  for (const f of new Set(findings)) console.error(f);
  return findings.length ? 1 : 0;
}

if (require.main === module) process.exit(main(process.argv.slice(2)));
