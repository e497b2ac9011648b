export const DELIMITER_CANDIDATES = [',', ';', '\t', '|'] as const;

/**
 * The delimiter of a CSV's header line: the candidate that occurs most often outside quotes (a comma on a tie or
 * when none occurs). Exports from European spreadsheets use ';' and many public datasets use tabs; guessing from
 * the header saves a confusing "target column not in the file" for a file read as one column.
 */
export function sniffDelimiter(text: string): string {
  const header = firstLine(text);
  const counts = new Map<string, number>(DELIMITER_CANDIDATES.map((candidate) => [candidate, 0]));
  let quoted = false;
  for (const char of header) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && counts.has(char)) counts.set(char, counts.get(char)! + 1);
  }
  let best = ',';
  for (const [candidate, count] of counts) if (count > counts.get(best)!) best = candidate;
  return best;
}

function firstLine(text: string): string {
  const start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const end = text.search(/\r?\n/);
  return text.slice(start, end === -1 ? undefined : end);
}

/** A delimiter flag as typed on a command line: `\t` and `tab` mean the tab character. */
export function delimiterFlag(value: string): string {
  const delimiter = value === '\\t' || value.toLowerCase() === 'tab' ? '\t' : value;
  if (delimiter.length !== 1)
    throw new Error(`--delimiter must be one character, e.g. ";" or "\\t" (got "${value}")`);
  return delimiter;
}
