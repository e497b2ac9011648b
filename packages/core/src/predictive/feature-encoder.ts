import { type FieldSpec, fieldSpecLabel } from './field-spec';
import { type ImpactEncoding, impactKey } from './impact-encoding';
import { quantileCuts } from './quantile-cuts';
import {
  cellText,
  type DateOrder,
  levelKey,
  type NumberStyle,
  parseBoolean,
  parseDateDays,
  parseNumber,
  splitMulti,
} from './value-parse';

/**
 * Encoders turn raw field values into model inputs. They are fitted once on the training rows and
 * stored with the model (plain JSON), so a lead scored months later is read exactly as in training.
 *
 * Each field yields one "tree column" per value slot (bins for the boosted trees: bin 0 is always
 * "missing") and a handful of "linear features" for the logistic regression.
 */

export type NumericEncoder = {
  kind: 'numeric';
  field: string;
  label: string;
  numberStyle: NumberStyle;
  /** Cut points of the tree bins: a value v falls in bin 1 + (number of edges below v). */
  edges: number[];
  /** Coarser cut points for the linear model's one-hot bins. */
  linearEdges: number[];
  /** Whether the linear term uses log(1 + v) (non-negative, long-tailed fields). */
  logScale: boolean;
  mean: number;
  std: number;
};

export type CategoricalEncoder = {
  kind: 'categorical' | 'boolean';
  field: string;
  label: string;
  /** Level keys with enough training rows; bin 1 + i. Rarer and unseen levels share the "other" bin. */
  levels: string[];
  /** How each level is shown to a rep (its most common spelling). */
  display: string[];
  /** Many-valued fields also enter as their values' smoothed log-odds shift (an extra column). */
  impact?: ImpactEncoding;
};

export type MultiEncoder = {
  kind: 'multi';
  field: string;
  label: string;
  tokens: string[];
  display: string[];
};

/**
 * Dates enter as calendar position (month of year, day of week), not as an absolute day count:
 * leads to be scored are always newer than the training data, so an absolute date would only ever
 * land beyond the last value the model has seen. Month captures quarter-end buying cycles.
 */
export type DateEncoder = {
  kind: 'date';
  field: string;
  label: string;
  dateOrder: DateOrder;
};

export type FieldEncoder = NumericEncoder | DateEncoder | CategoricalEncoder | MultiEncoder;

export function isNumericEncoder(encoder: FieldEncoder): encoder is NumericEncoder {
  return encoder.kind === 'numeric';
}

const MONTH_BINS = 13;
const WEEKDAY_BINS = 8;

/** Bins (0 = missing) of a date: [month 1–12, weekday 1–7 with Monday = 1]. */
export function dateBins(encoder: DateEncoder, value: unknown): [number, number] {
  const days = parseDateDays(value, encoder.dateOrder);
  if (days === null) return [0, 0];
  const date = new Date(Math.floor(days) * 86_400_000);
  return [date.getUTCMonth() + 1, ((date.getUTCDay() + 6) % 7) + 1];
}

export type EncoderOptions = {
  /** Levels seen on fewer rows than this are pooled into "other" (default max(5, 0.2 % of rows)). */
  minLevelCount?: number;
  /** At most this many levels per categorical field (the most frequent). */
  maxLevels?: number;
};

const MAX_TREE_EDGES = 62;
const LINEAR_BINS = 6;
const MISSING_LABEL = '(missing)';

function quantileEdges(sorted: Float64Array, maxEdges: number): number[] {
  const distinct: number[] = [];
  for (let i = 0; i < sorted.length; i++) {
    const value = sorted[i]!;
    if (distinct.length === 0 || distinct[distinct.length - 1] !== value) distinct.push(value);
  }
  if (distinct.length <= maxEdges + 1) {
    return distinct.slice(1).map((value, i) => (distinct[i]! + value) / 2);
  }
  return quantileCuts(sorted, maxEdges);
}

function detectNumberStyle(values: readonly unknown[]): NumberStyle {
  let comma = 0;
  let seen = 0;
  for (const value of values) {
    if (typeof value !== 'string') continue;
    seen++;
    if (/^[-+]?\d+,\d{1,2}$|^[-+]?\d+,\d{4,}$/.test(value.trim())) comma++;
    if (seen > 5000) break;
  }
  return seen > 0 && comma / seen > 0.05 ? 'comma' : 'dot';
}

function detectDateOrder(values: readonly unknown[]): DateOrder {
  for (const value of values) {
    if (typeof value !== 'string') continue;
    const match = /^(\d{1,2})[/.-](\d{1,2})[/.-]\d{4}/.exec(value.trim());
    if (!match) continue;
    if (Number(match[1]) > 12) return 'dmy';
    if (Number(match[2]) > 12) return 'mdy';
  }
  return 'dmy';
}

export function readNumeric(encoder: Pick<NumericEncoder, 'numberStyle'>, value: unknown) {
  return parseNumber(value, encoder.numberStyle);
}

function fitNumeric(field: FieldSpec, values: readonly unknown[]): NumericEncoder {
  const base = { numberStyle: detectNumberStyle(values) };
  const numbers: number[] = [];
  for (const value of values) {
    const number = readNumeric(base, value);
    if (number !== null) numbers.push(number);
  }
  const sorted = Float64Array.from(numbers).sort();
  const min = sorted.length > 0 ? sorted[0]! : 0;
  const median = sorted.length > 0 ? sorted[Math.floor(sorted.length / 2)]! : 0;
  const max = sorted.length > 0 ? sorted[sorted.length - 1]! : 0;
  const logScale = min >= 0 && max > 10 * (median + 1);
  let sum = 0;
  let sumSquares = 0;
  for (const number of numbers) {
    const t = logScale ? Math.log1p(number) : number;
    sum += t;
    sumSquares += t * t;
  }
  const mean = numbers.length > 0 ? sum / numbers.length : 0;
  const variance = numbers.length > 0 ? sumSquares / numbers.length - mean * mean : 0;
  return {
    kind: 'numeric',
    ...base,
    field: field.name,
    label: fieldSpecLabel(field),
    edges: quantileEdges(sorted, MAX_TREE_EDGES),
    linearEdges: quantileEdges(sorted, LINEAR_BINS - 1),
    logScale,
    mean,
    std: variance > 1e-12 ? Math.sqrt(variance) : 1,
  };
}

type LevelCount = { key: string; count: number; spellings: Map<string, number> };

function countLevels(texts: Iterable<string>): LevelCount[] {
  const counts = new Map<string, LevelCount>();
  for (const text of texts) {
    const key = levelKey(text);
    let entry = counts.get(key);
    if (!entry) {
      entry = { key, count: 0, spellings: new Map() };
      counts.set(key, entry);
    }
    entry.count++;
    entry.spellings.set(text, (entry.spellings.get(text) ?? 0) + 1);
  }
  return [...counts.values()].sort((a, b) => b.count - a.count || (a.key < b.key ? -1 : 1));
}

function commonestSpelling(level: LevelCount): string {
  let best = level.key;
  let bestCount = -1;
  for (const [spelling, count] of level.spellings) {
    if (count > bestCount) {
      best = spelling;
      bestCount = count;
    }
  }
  return best;
}

function keepLevels(levels: LevelCount[], minCount: number, maxLevels: number) {
  const kept = levels.filter((level) => level.count >= minCount).slice(0, maxLevels);
  return { keys: kept.map((level) => level.key), display: kept.map(commonestSpelling) };
}

function booleanText(value: unknown): string | null {
  const parsed = parseBoolean(value);
  if (parsed === null) return cellText(value);
  return parsed ? 'Yes' : 'No';
}

export function fitEncoders(
  rows: readonly Record<string, unknown>[],
  fields: readonly FieldSpec[],
  options: EncoderOptions = {},
): FieldEncoder[] {
  const minCount = options.minLevelCount ?? Math.max(5, Math.ceil(rows.length * 0.002));
  const maxLevels = options.maxLevels ?? 250;
  return fields.map((field): FieldEncoder => {
    const values = rows.map((row) => row[field.name]);
    const label = fieldSpecLabel(field);
    if (field.kind === 'numeric') return fitNumeric(field, values);
    if (field.kind === 'date') {
      return { kind: 'date', field: field.name, label, dateOrder: detectDateOrder(values) };
    }
    if (field.kind === 'multi') {
      const items: string[] = [];
      for (const value of values) items.push(...splitMulti(value));
      const kept = keepLevels(countLevels(items), minCount, maxLevels);
      return { kind: 'multi', field: field.name, label, tokens: kept.keys, display: kept.display };
    }
    const read = field.kind === 'boolean' ? booleanText : cellText;
    const texts: string[] = [];
    for (const value of values) {
      const text = read(value);
      if (text !== null) texts.push(text);
    }
    const kept = keepLevels(countLevels(texts), minCount, maxLevels);
    return { kind: field.kind, field: field.name, label, levels: kept.keys, display: kept.display };
  });
}

/** One input column of the boosted trees. */
export type TreeColumn = {
  /** Index of the field encoder the column comes from. */
  encoder: number;
  /** Number of bins, including bin 0 (missing). */
  bins: number;
  /** Categorical columns split on sets of levels; ordered ones on a threshold. */
  categorical: boolean;
  /** For multi-valued fields: the token this presence flag stands for. */
  token?: number;
};

export function treeColumns(encoders: readonly FieldEncoder[]): TreeColumn[] {
  const columns: TreeColumn[] = [];
  encoders.forEach((encoder, index) => {
    if (isNumericEncoder(encoder)) {
      columns.push({ encoder: index, bins: encoder.edges.length + 2, categorical: false });
    } else if (encoder.kind === 'date') {
      columns.push({ encoder: index, bins: MONTH_BINS, categorical: true });
      columns.push({ encoder: index, bins: WEEKDAY_BINS, categorical: true });
    } else if (encoder.kind === 'multi') {
      encoder.tokens.forEach((_, token) => {
        columns.push({ encoder: index, bins: 2, categorical: false, token });
      });
    } else {
      columns.push({ encoder: index, bins: encoder.levels.length + 2, categorical: true });
      if (encoder.impact) {
        columns.push({ encoder: index, bins: encoder.impact.edges.length + 2, categorical: false });
      }
    }
  });
  return columns;
}

export function linearWidth(encoder: FieldEncoder): number {
  if (isNumericEncoder(encoder)) return 2 + encoder.linearEdges.length + 1;
  if (encoder.kind === 'date') return MONTH_BINS + WEEKDAY_BINS;
  if (encoder.kind === 'multi') return encoder.tokens.length + 1;
  return encoder.levels.length + 2 + (encoder.impact ? 1 : 0);
}

function binOf(edges: readonly number[], value: number): number {
  let low = 0;
  let high = edges.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (edges[mid]! < value) low = mid + 1;
    else high = mid;
  }
  return low;
}

/**
 * An encoder prepared for fast repeated use: level lookups are hash maps. Built from the JSON
 * encoder, never stored.
 */
export type CompiledEncoder = {
  encoder: FieldEncoder;
  /**
   * Writes this field's tree bins at out[offset...]; returns the number of columns written.
   * `rowIndex` is given only while encoding the training rows (see `compileEncoder`).
   */
  writeBins(row: Record<string, unknown>, out: Uint8Array, offset: number, rowIndex?: number): number;
  /** Appends this field's non-zero linear features (indices relative to `offset`). */
  writeLinear(
    row: Record<string, unknown>,
    offset: number,
    indices: number[],
    values: number[],
    rowIndex?: number,
  ): void;
  /** How the row's value reads in an explanation ("Referral", "(missing)", "674"). */
  describe(row: Record<string, unknown>): string;
};

function formatNumber(value: number): string {
  if (Number.isInteger(value)) return String(value);
  return String(Math.round(value * 100) / 100);
}

function formatDays(days: number): string {
  return new Date(Math.round(days * 86_400_000)).toISOString().slice(0, 10);
}

function compileNumeric(encoder: NumericEncoder): CompiledEncoder {
  return {
    encoder,
    writeBins(row, out, offset) {
      const value = readNumeric(encoder, row[encoder.field]);
      out[offset] = value === null ? 0 : 1 + binOf(encoder.edges, value);
      return 1;
    },
    writeLinear(row, offset, indices, values) {
      const value = readNumeric(encoder, row[encoder.field]);
      if (value === null) {
        indices.push(offset + 1);
        values.push(1);
        return;
      }
      const t = encoder.logScale ? Math.log1p(Math.max(0, value)) : value;
      const z = Math.max(-4, Math.min(4, (t - encoder.mean) / encoder.std));
      if (z !== 0) {
        indices.push(offset);
        values.push(z);
      }
      indices.push(offset + 2 + binOf(encoder.linearEdges, value));
      values.push(1);
    },
    describe(row) {
      const value = readNumeric(encoder, row[encoder.field]);
      if (value === null) return MISSING_LABEL;
      return formatNumber(value);
    },
  };
}

function compileDate(encoder: DateEncoder): CompiledEncoder {
  return {
    encoder,
    writeBins(row, out, offset) {
      const [month, weekday] = dateBins(encoder, row[encoder.field]);
      out[offset] = month;
      out[offset + 1] = weekday;
      return 2;
    },
    writeLinear(row, offset, indices, values) {
      const [month, weekday] = dateBins(encoder, row[encoder.field]);
      indices.push(offset + month, offset + MONTH_BINS + weekday);
      values.push(1, 1);
    },
    describe(row) {
      const days = parseDateDays(row[encoder.field], encoder.dateOrder);
      return days === null ? MISSING_LABEL : formatDays(days);
    },
  };
}

function compileCategorical(encoder: CategoricalEncoder, trainingShifts?: Float64Array): CompiledEncoder {
  const binByKey = new Map(encoder.levels.map((key, i) => [key, i + 1]));
  const other = encoder.levels.length + 1;
  const read = encoder.kind === 'boolean' ? booleanText : cellText;
  const bin = (row: Record<string, unknown>): number => {
    const text = read(row[encoder.field]);
    if (text === null) return 0;
    return binByKey.get(levelKey(text)) ?? other;
  };
  const impact = encoder.impact;
  const shiftByKey = new Map(impact?.keys.map((key, i) => [key, impact.shifts[i]!]));
  /** The value's impact shift; NaN when missing. Training rows use their out-of-fold shift. */
  const shift = (row: Record<string, unknown>, rowIndex: number | undefined): number => {
    if (trainingShifts && rowIndex !== undefined) return trainingShifts[rowIndex]!;
    const key = impactKey(encoder, row[encoder.field]);
    return key === null ? Number.NaN : (shiftByKey.get(key) ?? 0);
  };
  const impactColumn = encoder.levels.length + 2;
  return {
    encoder,
    writeBins(row, out, offset, rowIndex) {
      out[offset] = bin(row);
      if (!impact) return 1;
      const value = shift(row, rowIndex);
      out[offset + 1] = Number.isNaN(value) ? 0 : 1 + binOf(impact.edges, value);
      return 2;
    },
    writeLinear(row, offset, indices, values, rowIndex) {
      indices.push(offset + bin(row));
      values.push(1);
      if (!impact) return;
      const value = shift(row, rowIndex);
      if (!Number.isNaN(value) && value !== 0) {
        indices.push(offset + impactColumn);
        values.push(value);
      }
    },
    describe(row) {
      const text = read(row[encoder.field]);
      if (text === null) return MISSING_LABEL;
      const index = binByKey.get(levelKey(text));
      return index === undefined ? text : encoder.display[index - 1]!;
    },
  };
}

function compileMulti(encoder: MultiEncoder): CompiledEncoder {
  const indexByKey = new Map(encoder.tokens.map((key, i) => [key, i]));
  const present = (row: Record<string, unknown>): number[] => {
    const found: number[] = [];
    for (const item of splitMulti(row[encoder.field])) {
      const index = indexByKey.get(levelKey(item));
      if (index !== undefined) found.push(index);
    }
    return found;
  };
  return {
    encoder,
    writeBins(row, out, offset) {
      out.fill(0, offset, offset + encoder.tokens.length);
      for (const index of present(row)) out[offset + index] = 1;
      return encoder.tokens.length;
    },
    writeLinear(row, offset, indices, values) {
      const items = splitMulti(row[encoder.field]);
      if (items.length === 0) {
        indices.push(offset + encoder.tokens.length);
        values.push(1);
        return;
      }
      for (const index of new Set(present(row))) {
        indices.push(offset + index);
        values.push(1);
      }
    },
    describe(row) {
      const items = splitMulti(row[encoder.field]);
      return items.length === 0 ? MISSING_LABEL : items.join(', ');
    },
  };
}

/**
 * `trainingShifts` (impact-encoded fields only) replaces the stored shifts with each training row's
 * out-of-fold shift, looked up by the row index passed to writeBins / writeLinear.
 */
export function compileEncoder(encoder: FieldEncoder, trainingShifts?: Float64Array): CompiledEncoder {
  if (isNumericEncoder(encoder)) return compileNumeric(encoder);
  if (encoder.kind === 'date') return compileDate(encoder);
  if (encoder.kind === 'multi') return compileMulti(encoder);
  return compileCategorical(encoder, trainingShifts);
}

/** The training matrix: row-major tree bins and a sparse (CSR) linear design. */
export type EncodedDataset = {
  rows: number;
  columns: TreeColumn[];
  /** bins[row * columns.length + column] */
  bins: Uint8Array;
  linear: SparseMatrix;
};

export type SparseMatrix = {
  rows: number;
  width: number;
  rowStart: Int32Array;
  indices: Int32Array;
  values: Float64Array;
  /** Linear feature index → encoder index, to group coefficients by field. */
  featureEncoder: Int32Array;
};

export function encodeDataset(
  encoders: readonly FieldEncoder[],
  rows: readonly Record<string, unknown>[],
  trainingShifts?: ReadonlyMap<number, Float64Array>,
): EncodedDataset {
  const compiled = encoders.map((encoder, index) => compileEncoder(encoder, trainingShifts?.get(index)));
  const columns = treeColumns(encoders);
  const width = columns.length;
  const bins = new Uint8Array(rows.length * width);
  const offsets: number[] = [];
  const featureEncoder: number[] = [];
  let linearWidthTotal = 0;
  encoders.forEach((encoder, index) => {
    offsets.push(linearWidthTotal);
    const size = linearWidth(encoder);
    for (let k = 0; k < size; k++) featureEncoder.push(index);
    linearWidthTotal += size;
  });
  const rowStart = new Int32Array(rows.length + 1);
  const indices: number[] = [];
  const values: number[] = [];
  rows.forEach((row, r) => {
    let offset = r * width;
    compiled.forEach((encoder, e) => {
      offset += encoder.writeBins(row, bins, offset, r);
      encoder.writeLinear(row, offsets[e]!, indices, values, r);
    });
    rowStart[r + 1] = indices.length;
  });
  return {
    rows: rows.length,
    columns,
    bins,
    linear: {
      rows: rows.length,
      width: linearWidthTotal,
      rowStart,
      indices: Int32Array.from(indices),
      values: Float64Array.from(values),
      featureEncoder: Int32Array.from(featureEncoder),
    },
  };
}
