import { sigmoid } from './logistic-math';
import type { Random } from './random';

/**
 * Gradient-boosted decision trees for the log-loss, histogram-based and grown leaf by leaf (the
 * LightGBM recipe), in plain TypeScript over pre-binned columns. Categorical columns split on sets
 * of levels ordered by their gradient ratio; every node keeps its own expected output so a
 * prediction can be split exactly into per-column contributions along its path.
 */

export type GbdtParams = {
  learningRate: number;
  maxLeaves: number;
  maxDepth: number;
  minDataInLeaf: number;
  minHessianInLeaf: number;
  /** L2 penalty on leaf values. */
  lambda: number;
  /** Extra L2 penalty and ratio smoothing on categorical splits, which overfit more easily. */
  categoricalLambda: number;
  categoricalSmoothing: number;
  /** Share of rows each tree is grown on. */
  rowSample: number;
  /** Share of columns each tree may split on. */
  columnSample: number;
  maxRounds: number;
  /** Stop when validation log-loss has not improved for this many rounds. */
  earlyStoppingRounds: number;
};

export const DEFAULT_GBDT_PARAMS: GbdtParams = {
  learningRate: 0.05,
  maxLeaves: 16,
  maxDepth: 6,
  minDataInLeaf: 20,
  minHessianInLeaf: 1e-3,
  lambda: 1,
  categoricalLambda: 10,
  categoricalSmoothing: 10,
  rowSample: 0.8,
  columnSample: 1,
  maxRounds: 1000,
  earlyStoppingRounds: 50,
};

/** One tree as parallel arrays (JSON-friendly). A node with column -1 is a leaf. */
export type TreeNodes = {
  column: number[];
  /** Ordered split: bins 1..threshold go left. */
  threshold: number[];
  /** Ordered split: whether bin 0 (missing) goes left. */
  missingLeft: boolean[];
  /** Categorical split: the bins that go left (null on ordered splits and leaves). */
  leftBins: (number[] | null)[];
  left: number[];
  right: number[];
  /** Output the tree would give if it stopped at this node (leaves: the leaf output). */
  value: number[];
};

export type GbdtModel = {
  kind: 'gbdt';
  /** Starting log-odds (the training base rate). */
  bias: number;
  trees: TreeNodes[];
};

export type BinnedData = {
  /** Row-major bins of the rows, `columns.length` per row. */
  bins: Uint8Array;
  columns: readonly { bins: number; categorical: boolean }[];
};

export type GbdtTraining = {
  model: GbdtModel;
  /** Number of trees kept (the best validation round, or all when there is no validation set). */
  rounds: number;
  /** Raw log-odds of the validation rows at the kept round. */
  validationLogits: Float64Array | null;
  /**
   * Validation log-loss after each number of trees (index 0: the bias alone), up to where training
   * stopped, so that several folds can agree on one number of trees.
   */
  validationLosses: number[];
  /** Every tree grown, also those after the kept round (to re-score the validation rows at another round). */
  grown: TreeNodes[];
};

type Split = {
  gain: number;
  column: number;
  threshold: number;
  missingLeft: boolean;
  /** Categorical: lookup of bins that go left. */
  leftMask: Uint8Array | null;
};

type Leaf = {
  node: number;
  start: number;
  end: number;
  depth: number;
  sumG: number;
  sumH: number;
  /** Interleaved per-bin sums: [gradient, hessian, count] for each bin of each column. */
  hist: Float64Array;
  split: Split | null;
};

class TreeBuilder {
  readonly column: number[] = [];
  readonly threshold: number[] = [];
  readonly missingLeft: boolean[] = [];
  readonly leftBins: (number[] | null)[] = [];
  readonly masks: (Uint8Array | null)[] = [];
  readonly left: number[] = [];
  readonly right: number[] = [];
  readonly value: number[] = [];

  addNode(value: number): number {
    this.column.push(-1);
    this.threshold.push(0);
    this.missingLeft.push(false);
    this.leftBins.push(null);
    this.masks.push(null);
    this.left.push(-1);
    this.right.push(-1);
    this.value.push(value);
    return this.value.length - 1;
  }

  toNodes(): TreeNodes {
    return {
      column: this.column,
      threshold: this.threshold,
      missingLeft: this.missingLeft,
      leftBins: this.leftBins,
      left: this.left,
      right: this.right,
      value: this.value,
    };
  }
}

/** Follows one binned row down a tree being trained or a compiled one. */
function walk(
  tree: { column: number[]; threshold: number[]; missingLeft: boolean[]; left: number[]; right: number[] },
  masks: readonly (Uint8Array | null)[],
  bins: Uint8Array,
  base: number,
): number {
  let node = 0;
  while (tree.column[node]! >= 0) {
    const bin = bins[base + tree.column[node]!]!;
    const mask = masks[node];
    const goLeft = mask
      ? mask[bin] === 1
      : bin === 0
        ? tree.missingLeft[node]!
        : bin <= tree.threshold[node]!;
    node = goLeft ? tree.left[node]! : tree.right[node]!;
  }
  return node;
}

function meanLogLoss(logits: Float64Array, labels: Uint8Array): number {
  let total = 0;
  for (let i = 0; i < logits.length; i++) {
    const z = logits[i]!;
    // log(1 + e^z) - y z, computed without overflow.
    total += (z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z))) - (labels[i] ? z : 0);
  }
  return total / logits.length;
}

function gatherRows(data: BinnedData, rows: Int32Array): Uint8Array {
  const width = data.columns.length;
  const out = new Uint8Array(rows.length * width);
  for (let k = 0; k < rows.length; k++) {
    const from = rows[k]! * width;
    out.set(data.bins.subarray(from, from + width), k * width);
  }
  return out;
}

/**
 * Trains on `trainRows` (indices into data); with `validRows`, keeps the round with the best
 * validation log-loss. `labels` are indexed like the data rows.
 */
export function trainGbdt(
  data: BinnedData,
  labels: Uint8Array,
  trainRows: Int32Array,
  validRows: Int32Array | null,
  params: GbdtParams,
  random: Random,
): GbdtTraining {
  const columns = data.columns;
  const width = columns.length;
  const offsets = new Int32Array(width + 1);
  for (let c = 0; c < width; c++) offsets[c + 1] = offsets[c]! + columns[c]!.bins;
  const totalBins = offsets[width]!;
  const n = trainRows.length;
  const bins = gatherRows(data, trainRows);
  const y = new Uint8Array(n);
  let positives = 0;
  for (let k = 0; k < n; k++) {
    y[k] = labels[trainRows[k]!]!;
    positives += y[k]!;
  }
  const rate = Math.min(1 - 1e-6, Math.max(1e-6, (positives + 0.5) / (n + 1)));
  const bias = Math.log(rate / (1 - rate));
  const scores = new Float64Array(n).fill(bias);
  const g = new Float64Array(n);
  const h = new Float64Array(n);

  const validCount = validRows?.length ?? 0;
  const validBins = validRows ? gatherRows(data, validRows) : new Uint8Array(0);
  const validY = new Uint8Array(validCount);
  for (let k = 0; k < validCount; k++) validY[k] = labels[validRows![k]!]!;
  const validScores = new Float64Array(validCount).fill(bias);
  let bestLoss = validCount > 0 ? meanLogLoss(validScores, validY) : Number.POSITIVE_INFINITY;
  let bestRound = 0;
  let bestValidScores: Float64Array | null = validCount > 0 ? validScores.slice() : null;
  const validationLosses: number[] = validCount > 0 ? [bestLoss] : [];

  const pool: Float64Array[] = [];
  const takeHist = () => pool.pop() ?? new Float64Array(totalBins * 3);
  const releaseHist = (leaf: Leaf) => pool.push(leaf.hist);

  const rowBuffer = new Int32Array(n);
  const inBag = new Uint8Array(n);
  const columnAllowed = new Uint8Array(width).fill(1);
  const scratch = new Int32Array(n);
  const sortedBins: number[] = [];
  const trees: TreeNodes[] = [];
  const lambda = params.lambda;
  const leafValue = (sumG: number, sumH: number) => (-sumG / (sumH + lambda)) * params.learningRate;

  const offsets3 = Int32Array.from(offsets, (offset) => offset * 3);
  const buildHist = (leaf: Leaf) => {
    const hist = leaf.hist;
    hist.fill(0);
    for (let k = leaf.start; k < leaf.end; k++) {
      const i = rowBuffer[k]!;
      const gi = g[i]!;
      const hi = h[i]!;
      const base = i * width;
      for (let c = 0; c < width; c++) {
        const b = offsets3[c]! + 3 * bins[base + c]!;
        hist[b]! += gi;
        hist[b + 1]! += hi;
        hist[b + 2]!++;
      }
    }
  };

  const findSplit = (leaf: Leaf): Split | null => {
    const count = leaf.end - leaf.start;
    if (count < 2 * params.minDataInLeaf) return null;
    const { hist, sumG, sumH } = leaf;
    const parentScore = (sumG * sumG) / (sumH + lambda);
    let best: Split | null = null;
    for (let c = 0; c < width; c++) {
      if (columnAllowed[c] === 0) continue;
      const start = offsets3[c]!;
      const binCount = columns[c]!.bins;
      if (columns[c]!.categorical) {
        const catLambda = lambda + params.categoricalLambda;
        sortedBins.length = 0;
        for (let b = 0; b < binCount; b++) if (hist[start + 3 * b + 2]! > 0) sortedBins.push(b);
        if (sortedBins.length < 2) continue;
        const ratio = (b: number) =>
          hist[start + 3 * b]! / (hist[start + 3 * b + 1]! + params.categoricalSmoothing);
        sortedBins.sort((a, b) => ratio(a) - ratio(b));
        let leftG = 0;
        let leftH = 0;
        let leftC = 0;
        const catParent = (sumG * sumG) / (sumH + catLambda);
        for (let k = 0; k < sortedBins.length - 1; k++) {
          const b = start + 3 * sortedBins[k]!;
          leftG += hist[b]!;
          leftH += hist[b + 1]!;
          leftC += hist[b + 2]!;
          const rightC = count - leftC;
          const rightH = sumH - leftH;
          if (leftC < params.minDataInLeaf || rightC < params.minDataInLeaf) continue;
          if (leftH < params.minHessianInLeaf || rightH < params.minHessianInLeaf) continue;
          const rightG = sumG - leftG;
          const gain =
            (leftG * leftG) / (leftH + catLambda) + (rightG * rightG) / (rightH + catLambda) - catParent;
          if (gain > (best?.gain ?? 1e-9)) {
            const mask = new Uint8Array(binCount);
            for (let j = 0; j <= k; j++) mask[sortedBins[j]!] = 1;
            best = { gain, column: c, threshold: 0, missingLeft: false, leftMask: mask };
          }
        }
        continue;
      }
      const missingG = hist[start]!;
      const missingH = hist[start + 1]!;
      const missingC = hist[start + 2]!;
      let leftG = 0;
      let leftH = 0;
      let leftC = 0;
      for (let t = 1; t < binCount - 1; t++) {
        leftG += hist[start + 3 * t]!;
        leftH += hist[start + 3 * t + 1]!;
        leftC += hist[start + 3 * t + 2]!;
        for (let side = 0; side < 2; side++) {
          const missingLeft = side === 1;
          if (missingLeft && missingC === 0) continue;
          const lG = missingLeft ? leftG + missingG : leftG;
          const lH = missingLeft ? leftH + missingH : leftH;
          const lC = missingLeft ? leftC + missingC : leftC;
          const rC = count - lC;
          const rH = sumH - lH;
          if (lC < params.minDataInLeaf || rC < params.minDataInLeaf) continue;
          if (lH < params.minHessianInLeaf || rH < params.minHessianInLeaf) continue;
          const rG = sumG - lG;
          const gain = (lG * lG) / (lH + lambda) + (rG * rG) / (rH + lambda) - parentScore;
          if (gain > (best?.gain ?? 1e-9))
            best = { gain, column: c, threshold: t, missingLeft, leftMask: null };
        }
      }
    }
    return best;
  };

  for (let round = 0; round < params.maxRounds; round++) {
    for (let i = 0; i < n; i++) {
      const p = sigmoid(scores[i]!);
      g[i] = p - y[i]!;
      h[i] = Math.max(p * (1 - p), 1e-12);
    }
    let sampled = 0;
    inBag.fill(0);
    for (let i = 0; i < n; i++) {
      if (params.rowSample >= 1 || random() < params.rowSample) {
        rowBuffer[sampled++] = i;
        inBag[i] = 1;
      }
    }
    const finished: Leaf[] = [];
    for (let c = 0; c < width; c++) {
      columnAllowed[c] = params.columnSample >= 1 || random() < params.columnSample ? 1 : 0;
    }

    const tree = new TreeBuilder();
    const rootHist = takeHist();
    let sumG = 0;
    let sumH = 0;
    for (let k = 0; k < sampled; k++) {
      sumG += g[rowBuffer[k]!]!;
      sumH += h[rowBuffer[k]!]!;
    }
    const root: Leaf = {
      node: tree.addNode(leafValue(sumG, sumH)),
      start: 0,
      end: sampled,
      depth: 0,
      sumG,
      sumH,
      hist: rootHist,
      split: null,
    };
    buildHist(root);
    root.split = findSplit(root);
    const open: Leaf[] = [root];
    let leaves = 1;
    while (leaves < params.maxLeaves) {
      let bestIndex = -1;
      for (let k = 0; k < open.length; k++) {
        const split = open[k]!.split;
        if (split && (bestIndex < 0 || split.gain > open[bestIndex]!.split!.gain)) bestIndex = k;
      }
      if (bestIndex < 0) break;
      const leaf = open[bestIndex]!;
      const split = leaf.split!;
      const c = split.column;
      // Stable partition of the leaf's rows: left rows first.
      let leftEnd = leaf.start;
      let rightCount = 0;
      for (let k = leaf.start; k < leaf.end; k++) {
        const i = rowBuffer[k]!;
        const bin = bins[i * width + c]!;
        const goLeft = split.leftMask
          ? split.leftMask[bin] === 1
          : bin === 0
            ? split.missingLeft
            : bin <= split.threshold;
        if (goLeft) rowBuffer[leftEnd++] = i;
        else scratch[rightCount++] = i;
      }
      rowBuffer.set(scratch.subarray(0, rightCount), leftEnd);
      let leftG = 0;
      let leftH = 0;
      for (let k = leaf.start; k < leftEnd; k++) {
        leftG += g[rowBuffer[k]!]!;
        leftH += h[rowBuffer[k]!]!;
      }
      const rightG = leaf.sumG - leftG;
      const rightH = leaf.sumH - leftH;
      const leftNode = tree.addNode(leafValue(leftG, leftH));
      const rightNode = tree.addNode(leafValue(rightG, rightH));
      tree.column[leaf.node] = c;
      tree.threshold[leaf.node] = split.threshold;
      tree.missingLeft[leaf.node] = split.missingLeft;
      tree.masks[leaf.node] = split.leftMask;
      if (split.leftMask) {
        const leftBins: number[] = [];
        split.leftMask.forEach((flag, bin) => {
          if (flag) leftBins.push(bin);
        });
        tree.leftBins[leaf.node] = leftBins;
      }
      tree.left[leaf.node] = leftNode;
      tree.right[leaf.node] = rightNode;

      const leftCount = leftEnd - leaf.start;
      const rightLeafCount = leaf.end - leftEnd;
      const smallIsLeft = leftCount <= rightLeafCount;
      const smallHist = takeHist();
      const small: Leaf = {
        node: smallIsLeft ? leftNode : rightNode,
        start: smallIsLeft ? leaf.start : leftEnd,
        end: smallIsLeft ? leftEnd : leaf.end,
        depth: leaf.depth + 1,
        sumG: smallIsLeft ? leftG : rightG,
        sumH: smallIsLeft ? leftH : rightH,
        hist: smallHist,
        split: null,
      };
      buildHist(small);
      // The larger child's histogram is the parent's minus the smaller child's (reusing the parent's buffers).
      const large: Leaf = {
        node: smallIsLeft ? rightNode : leftNode,
        start: smallIsLeft ? leftEnd : leaf.start,
        end: smallIsLeft ? leaf.end : leftEnd,
        depth: leaf.depth + 1,
        sumG: smallIsLeft ? rightG : leftG,
        sumH: smallIsLeft ? rightH : leftH,
        hist: leaf.hist,
        split: null,
      };
      const largeHist = large.hist;
      for (let b = 0; b < largeHist.length; b++) largeHist[b]! -= smallHist[b]!;
      open.splice(bestIndex, 1);
      leaves++;
      for (const child of [small, large]) {
        child.split = child.depth < params.maxDepth ? findSplit(child) : null;
        if (child.split) open.push(child);
        else {
          releaseHist(child);
          finished.push(child);
        }
      }
    }
    for (const leaf of open) {
      releaseHist(leaf);
      finished.push(leaf);
    }

    const nodes = tree.toNodes();
    trees.push(nodes);
    // In-bag rows already sit in their leaf's segment of the row buffer; only the others walk the tree.
    for (const leaf of finished) {
      const value = nodes.value[leaf.node]!;
      for (let k = leaf.start; k < leaf.end; k++) scores[rowBuffer[k]!]! += value;
    }
    for (let i = 0; i < n; i++) {
      if (inBag[i] === 0) scores[i]! += nodes.value[walk(nodes, tree.masks, bins, i * width)]!;
    }
    if (validCount > 0) {
      for (let k = 0; k < validCount; k++) {
        validScores[k]! += nodes.value[walk(nodes, tree.masks, validBins, k * width)]!;
      }
      const loss = meanLogLoss(validScores, validY);
      validationLosses.push(loss);
      if (loss < bestLoss - 1e-7) {
        bestLoss = loss;
        bestRound = round + 1;
        bestValidScores = validScores.slice();
      } else if (round + 1 - bestRound >= params.earlyStoppingRounds) {
        break;
      }
    }
  }
  const rounds = validCount > 0 ? bestRound : trees.length;
  return {
    model: { kind: 'gbdt', bias, trees: trees.slice(0, rounds) },
    rounds,
    validationLogits: bestValidScores,
    validationLosses,
    grown: trees,
  };
}

/** All trees of a model in flat typed arrays, for fast scoring (built from the JSON, never stored). */
export type FlatForest = {
  bias: number;
  /** Sum of the trees' root values: the output for an average row. */
  expected: number;
  roots: Int32Array;
  column: Int32Array;
  threshold: Int32Array;
  missingLeft: Uint8Array;
  /** Offset into `leftMasks` of a categorical node's bin lookup, or -1. */
  maskOffset: Int32Array;
  leftMasks: Uint8Array;
  left: Int32Array;
  right: Int32Array;
  value: Float64Array;
};

export function flattenForest(model: GbdtModel, columns: readonly { bins: number }[]): FlatForest {
  let nodes = 0;
  let maskSize = 0;
  for (const tree of model.trees) {
    nodes += tree.value.length;
    tree.leftBins.forEach((bins, node) => {
      if (bins) maskSize += columns[tree.column[node]!]!.bins;
    });
  }
  const forest: FlatForest = {
    bias: model.bias,
    expected: model.bias,
    roots: new Int32Array(model.trees.length),
    column: new Int32Array(nodes),
    threshold: new Int32Array(nodes),
    missingLeft: new Uint8Array(nodes),
    maskOffset: new Int32Array(nodes).fill(-1),
    leftMasks: new Uint8Array(maskSize),
    left: new Int32Array(nodes),
    right: new Int32Array(nodes),
    value: new Float64Array(nodes),
  };
  let base = 0;
  let maskCursor = 0;
  model.trees.forEach((tree, t) => {
    forest.roots[t] = base;
    forest.expected += tree.value[0]!;
    for (let node = 0; node < tree.value.length; node++) {
      const at = base + node;
      forest.column[at] = tree.column[node]!;
      forest.threshold[at] = tree.threshold[node]!;
      forest.missingLeft[at] = tree.missingLeft[node] ? 1 : 0;
      forest.left[at] = base + tree.left[node]!;
      forest.right[at] = base + tree.right[node]!;
      forest.value[at] = tree.value[node]!;
      const bins = tree.leftBins[node];
      if (bins) {
        forest.maskOffset[at] = maskCursor;
        for (const bin of bins) forest.leftMasks[maskCursor + bin] = 1;
        maskCursor += columns[tree.column[node]!]!.bins;
      }
    }
    base += tree.value.length;
  });
  return forest;
}

/** Path contributions per column over a flat forest; returns the raw log-odds (= expected + sum). */
export function forestContributions(
  forest: FlatForest,
  bins: Uint8Array,
  contributions: Float64Array,
): number {
  contributions.fill(0);
  const { column, threshold, missingLeft, maskOffset, leftMasks, left, right, value } = forest;
  let logit = forest.bias;
  for (let t = 0; t < forest.roots.length; t++) {
    let node = forest.roots[t]!;
    let c = column[node]!;
    while (c >= 0) {
      const bin = bins[c]!;
      const mask = maskOffset[node]!;
      const goLeft =
        mask >= 0
          ? leftMasks[mask + bin] === 1
          : bin === 0
            ? missingLeft[node] === 1
            : bin <= threshold[node]!;
      const next = goLeft ? left[node]! : right[node]!;
      contributions[c]! += value[next]! - value[node]!;
      node = next;
      c = column[node]!;
    }
    logit += value[node]!;
  }
  return logit;
}

/** Raw log-odds of the given rows under the first `rounds` trees of a forest (no contributions). */
export function forestLogits(
  model: GbdtModel,
  data: BinnedData,
  rows: Int32Array,
  rounds = model.trees.length,
): Float64Array {
  const forest = flattenForest({ ...model, trees: model.trees.slice(0, rounds) }, data.columns);
  const width = data.columns.length;
  const { column, threshold, missingLeft, maskOffset, leftMasks, left, right, value } = forest;
  const out = new Float64Array(rows.length);
  for (let k = 0; k < rows.length; k++) {
    const base = rows[k]! * width;
    let logit = forest.bias;
    for (let t = 0; t < forest.roots.length; t++) {
      let node = forest.roots[t]!;
      let c = column[node]!;
      while (c >= 0) {
        const bin = data.bins[base + c]!;
        const mask = maskOffset[node]!;
        const goLeft =
          mask >= 0
            ? leftMasks[mask + bin] === 1
            : bin === 0
              ? missingLeft[node] === 1
              : bin <= threshold[node]!;
        node = goLeft ? left[node]! : right[node]!;
        c = column[node]!;
      }
      logit += value[node]!;
    }
    out[k] = logit;
  }
  return out;
}
