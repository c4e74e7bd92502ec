import * as tf from '@tensorflow/tfjs';

/**
 * Cuts a [steps*B, D] tensor into blocks of B rows and, within each, column pieces of the given
 * widths: result[t][k] is [B, widths[k]]. On wasm every slice kernel first copies its whole input
 * and gather runs element by element (measured on [2048, 512]: 64 row slices 100 ms, 64 gathers
 * 37 ms, one download plus 64 uploads 3 ms; a 4-way column split of [32, 512] ~100 us), and reading
 * a tensor is a plain memory copy there, so the pieces are cut on the host. Other backends slice on
 * the device. Call inside tf.tidy.
 */
export function splitBlocks(x: tf.Tensor, steps: number, widths: number[]): tf.Tensor[][] {
  if (tf.getBackend() !== 'wasm') {
    const rows = steps === 1 ? [x] : tf.split(x, steps, 0);
    return rows.map((r) => (widths.length === 1 ? [r] : tf.split(r, widths, 1)));
  }
  const data = x.dataSync() as Float32Array;
  const [n, d] = x.shape as number[];
  if (widths.length > 1) return cutOnHost(data, d, (i) => i, n / steps, steps, widths);
  const size = (n / steps) * d;
  return Array.from({ length: steps }, (_, t) => [
    tf.tensor2d(data.subarray(t * size, (t + 1) * size), [n / steps, d]),
  ]);
}

/**
 * splitBlocks of the rows of `table` ([V, D]) at int32 `ids` ([steps*B]), without building the
 * [steps*B, D] slab on wasm: there the pieces are copied from the table on the host. Call inside
 * tf.tidy.
 */
export function gatherBlocks(table: tf.Tensor, ids: tf.Tensor1D, steps: number, widths: number[]): tf.Tensor[][] {
  if (tf.getBackend() !== 'wasm') return splitBlocks(tf.gather(table, ids), steps, widths);
  const rowIds = ids.dataSync();
  return cutOnHost(
    table.dataSync() as Float32Array,
    table.shape[1] as number,
    (i) => rowIds[i],
    rowIds.length / steps,
    steps,
    widths,
  );
}

/**
 * Pieces [B, widths[k]] per step t of the rows row(t*B + b) of `data` ([*, d], row-major), as
 * tensors. `data` must be a copy (dataSync), not a hostView: each upload may grow the heap.
 */
function cutOnHost(
  data: Float32Array,
  d: number,
  row: (i: number) => number,
  batch: number,
  steps: number,
  widths: number[],
): tf.Tensor[][] {
  const out: tf.Tensor[][] = [];
  for (let t = 0; t < steps; t++) {
    let col = 0;
    out.push(
      widths.map((w) => {
        const piece = new Float32Array(batch * w);
        for (let b = 0; b < batch; b++) {
          const from = row(t * batch + b) * d + col;
          piece.set(data.subarray(from, from + w), b * w);
        }
        col += w;
        return tf.tensor2d(piece, [batch, w]);
      }),
    );
  }
  return out;
}

/**
 * A tensor's values for reading on the host, without dataSync's copy on wasm: there a view of the
 * backend's heap (dataSync would copy megabytes per training step and leave them to the garbage
 * collector). The view dies when the heap grows, so read it completely before creating a tensor.
 */
export function hostView(t: tf.Tensor): Float32Array | Int32Array {
  const wasm = tf.backend() as unknown as { typedArrayFromHeap?: (t: tf.Tensor) => Float32Array | Int32Array };
  if (tf.getBackend() === 'wasm' && wasm.typedArrayFromHeap) return wasm.typedArrayFromHeap(t);
  return t.dataSync() as Float32Array | Int32Array;
}

/**
 * Transpose of a [R, C] tensor, with a row of ones appended when `onesRow` (for productWithSums).
 * wasm's Transpose kernel took ~4.6 ms on [2048, 128] (about 17 ns per element); on the host it is
 * one loop and one upload. The loop writes in order and reads with a stride: the other way round
 * took 10x longer on [2048, 128]. Call inside tf.tidy.
 */
export function transpose2d(x: tf.Tensor, onesRow = false): tf.Tensor2D {
  const [rows, cols] = x.shape as number[];
  if (tf.getBackend() !== 'wasm') {
    const t = tf.transpose(x) as tf.Tensor2D;
    return onesRow ? tf.concat([t, tf.ones([1, rows])], 0) : t;
  }
  const src = hostView(x);
  const out = new Float32Array((cols + (onesRow ? 1 : 0)) * rows);
  for (let c = 0; c < cols; c++) {
    const base = c * rows;
    for (let r = 0; r < rows; r++) out[base + r] = src[r * cols + c];
  }
  if (onesRow) out.fill(1, cols * rows);
  return tf.tensor2d(out, [out.length / rows, rows]);
}

/**
 * For int32 ids [N] and x [N, D]: per token v, the sum of the rows of x whose id is v ([depth, D]),
 * and the sum of all rows ([D]). That is the one-hot product onehot(ids)^T x with its column sums.
 * On wasm it runs on the host: a product there first packs its right operand (~2 ms for a fresh
 * [2048, 384], more than the host loop takes), and the float32 OneHot kernel returns zeros (tfjs
 * 4.22). Call inside tf.tidy.
 */
export function sumRowsByToken(ids: tf.Tensor1D, x: tf.Tensor, depth: number): { byToken: tf.Tensor; all: tf.Tensor } {
  if (tf.getBackend() !== 'wasm') {
    const { product, sums } = productWithSums(tf.oneHot(ids, depth).toFloat(), x);
    return { byToken: product, all: sums };
  }
  const width = x.shape[1] as number;
  const values = hostView(ids);
  const rows = hostView(x);
  const byToken = new Float32Array(depth * width);
  for (let n = 0; n < values.length; n++) {
    const src = n * width;
    const dst = values[n] * width;
    for (let j = 0; j < width; j++) byToken[dst + j] += rows[src + j];
  }
  const all = new Float32Array(width);
  for (let v = 0; v < depth; v++) for (let j = 0; j < width; j++) all[j] += byToken[v * width + j];
  return { byToken: tf.tensor2d(byToken, [depth, width]), all: tf.tensor1d(all) };
}

/**
 * x^T dy ([C, G], a weight gradient) and the column sums of dy ([G], its bias gradient) for x [R, C]
 * and dy [R, G], from one product of [x^T; ones] and dy: on wasm every product first packs its right
 * operand, which for a fresh [2048, 384] takes ~2 ms, so a second product for the column sums would
 * cost as much again. Call inside tf.tidy.
 */
export function productWithSums(x: tf.Tensor, dy: tf.Tensor): { product: tf.Tensor; sums: tf.Tensor } {
  const c = x.shape[1] as number;
  const m = tf.matMul(transpose2d(x, true), dy as tf.Tensor2D);
  return { product: tf.slice(m, [0, 0], [c, -1]), sums: tf.reshape(tf.slice(m, [c, 0], [1, -1]), [-1]) };
}
