/**
 * Up to `maxEdges` cut points at the quantiles of ascending `sorted` values. Each cut lies halfway between a
 * quantile value and the next distinct value, so equal values never straddle an edge; cuts come out ascending.
 */
export function quantileCuts(sorted: Float64Array, maxEdges: number): number[] {
  const edges: number[] = [];
  for (let k = 1; k <= maxEdges; k++) {
    const index = Math.min(sorted.length - 1, Math.floor((k * sorted.length) / (maxEdges + 1)));
    const value = sorted[index]!;
    let next = index + 1;
    while (next < sorted.length && sorted[next] === value) next++;
    if (next >= sorted.length) break;
    const edge = (value + sorted[next]!) / 2;
    if (edges.length === 0 || edge > edges[edges.length - 1]!) edges.push(edge);
  }
  return edges;
}
