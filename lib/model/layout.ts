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
  const [n, d] = x.shape as number[];
  const batch = n / steps;
  const data = x.dataSync() as Float32Array;
  const out: tf.Tensor[][] = [];
  for (let t = 0; t < steps; t++) {
    const base = t * batch * d;
    if (widths.length === 1) {
      out.push([tf.tensor2d(data.subarray(base, base + batch * d), [batch, d])]);
      continue;
    }
    let col = 0;
    out.push(
      widths.map((w) => {
        const piece = new Float32Array(batch * w);
        for (let b = 0; b < batch; b++) piece.set(data.subarray(base + b * d + col, base + b * d + col + w), b * w);
        col += w;
        return tf.tensor2d(piece, [batch, w]);
      }),
    );
  }
  return out;
}

/**
 * Transpose of a [R, C] tensor. wasm's Transpose kernel took ~4.6 ms on [2048, 128] (about 17 ns
 * per element); on the host it is one download, a loop and one upload. Call inside tf.tidy.
 */
export function transpose2d(x: tf.Tensor): tf.Tensor2D {
  if (tf.getBackend() !== 'wasm') return tf.transpose(x) as tf.Tensor2D;
  const [rows, cols] = x.shape as number[];
  const src = x.dataSync() as Float32Array;
  const out = new Float32Array(rows * cols);
  for (let r = 0; r < rows; r++) {
    const base = r * cols;
    for (let c = 0; c < cols; c++) out[c * rows + r] = src[base + c];
  }
  return tf.tensor2d(out, [cols, rows]);
}

/**
 * One-hot columns: [depth, N] float32 with a 1 at (ids[n], n). Built on the host on wasm, whose
 * float32 OneHot returns zeros (tfjs 4.22) and whose Transpose is slow. Call inside tf.tidy.
 */
export function oneHotColumns(ids: tf.Tensor1D, depth: number): tf.Tensor2D {
  if (tf.getBackend() !== 'wasm') return tf.transpose(tf.oneHot(ids, depth).toFloat()) as tf.Tensor2D;
  const values = ids.dataSync();
  const out = new Float32Array(depth * values.length);
  values.forEach((v, n) => (out[v * values.length + n] = 1));
  return tf.tensor2d(out, [depth, values.length]);
}

/** Column sums of [N, D] as one product with a row of ones; wasm's sum over axis 0 transposes first. */
export function sumRows(x: tf.Tensor): tf.Tensor {
  const n = x.shape[0] as number;
  return tf.reshape(tf.matMul(tf.ones([1, n]) as tf.Tensor2D, x as tf.Tensor2D), [-1]);
}
