import functionCodeData from './data/function-codes.json';
import economicCodeData from './data/economic-codes.json';

/**
 * The versioned classification catalogue (SPEC §1): 支出功能分类科目 (function codes, 类/款/项) and
 * 部门预算支出经济分类科目 (economic codes, 类/款) with their Chinese names, one version per fiscal year.
 * A year without its own version uses the newest earlier one; a version may `$extends` another and list
 * only what changed. Adding a year = adding a key to the JSON files in ./data.
 */
interface CatalogueFile {
  versions: Record<string, Record<string, string>>;
}

export class ClassificationTable {
  private readonly resolved = new Map<number, ReadonlyMap<string, string>>();
  private readonly years: number[];

  constructor(private readonly file: CatalogueFile) {
    this.years = Object.keys(file.versions)
      .map(Number)
      .sort((a, b) => a - b);
  }

  /** The code → name map in force for a fiscal year. */
  forYear(fiscalYear: number): ReadonlyMap<string, string> {
    const version = [...this.years].reverse().find((y) => y <= fiscalYear) ?? this.years[0];
    let table = this.resolved.get(version);
    if (!table) {
      table = this.flatten(String(version), new Set());
      this.resolved.set(version, table);
    }
    return table;
  }

  name(code: string, fiscalYear: number): string | undefined {
    return this.forYear(fiscalYear).get(code);
  }

  private flatten(version: string, seen: Set<string>): Map<string, string> {
    if (seen.has(version)) throw new Error(`catalogue version cycle at ${version}`);
    seen.add(version);
    const own = this.file.versions[version];
    if (!own) throw new Error(`catalogue version ${version} missing`);
    const base = own.$extends ? this.flatten(own.$extends, seen) : new Map<string, string>();
    for (const [code, name] of Object.entries(own)) if (code !== '$extends') base.set(code, name);
    return base;
  }
}

export class ClassificationCatalogue {
  readonly functions = new ClassificationTable(functionCodeData as CatalogueFile);
  readonly economics = new ClassificationTable(economicCodeData as CatalogueFile);

  /**
   * A function code is known when its 类 is in the catalogue. The national catalogue has some 1 500 项
   * and changes every year; what we ship names the ones seen in practice, so an unlisted 项 under a
   * real 类 is accepted (an event may carry its name) rather than refusing a treasury fact.
   */
  isKnownFunctionCode(code: string, fiscalYear: number): boolean {
    return this.functions.forYear(fiscalYear).has(code.slice(0, 3));
  }

  /** Economic codes are a short, closed list: the 类 and, for a 5-digit code, the 款 must exist. */
  isKnownEconomicCode(code: string, fiscalYear: number): boolean {
    return this.economics.forYear(fiscalYear).has(code);
  }

  functionName(code: string, fiscalYear: number): string | undefined {
    return this.functions.name(code, fiscalYear);
  }

  economicName(code: string, fiscalYear: number): string | undefined {
    return this.economics.name(code, fiscalYear);
  }
}

export const catalogue = new ClassificationCatalogue();
