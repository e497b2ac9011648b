/**
 * Characters that make a spreadsheet read a cell as a formula (OWASP ASVS 5.0, 1.2.10): equals, plus, minus,
 * at, tab and carriage return. A lead named `=HYPERLINK(...)` typed into a web form must not run when a
 * manager opens the export in Excel.
 */
const FORMULA_TRIGGERS = new Set(['=', '+', '-', '@', '\t', '\r']);

/** Prefixes a single quote to a text cell that a spreadsheet would evaluate; other text is returned unchanged. */
export function neutraliseFormula(cell: string): string {
  return cell.length > 0 && FORMULA_TRIGGERS.has(cell[0]!) ? `'${cell}` : cell;
}

/** csv-stringify options that pass every string cell through the guard (numbers and booleans are left alone). */
export const guardedCsvCast = {
  string: (value: string) => neutraliseFormula(value),
};
