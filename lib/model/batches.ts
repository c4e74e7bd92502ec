/** One window of a token stream laid out for the model: time-major rows t*B + b. */
interface Window {
  inputs: Int32Array;
  targets: Int32Array;
  /** Index in the split's token array of each row's target. */
  targetIndex: Int32Array;
  /** True when this window starts a new pass, so the carried state must be zeroed. */
  reset: boolean;
}

/**
 * Cuts a token stream into `batch` contiguous parallel streams and walks them `steps` tokens at a
 * time: window k continues where window k-1 stopped, which is what lets truncated BPTT carry the
 * state between batches. After the last whole window it starts over (reset = true).
 */
export class StreamBatcher {
  readonly streamLength: number;
  readonly windowsPerPass: number;

  constructor(
    private readonly tokens: Int32Array,
    readonly batch: number,
    readonly steps: number,
  ) {
    this.streamLength = Math.floor(tokens.length / batch);
    this.windowsPerPass = Math.floor((this.streamLength - 1) / steps);
    if (this.windowsPerPass < 1) {
      throw new Error(`split of ${tokens.length} tokens is too short for batch ${batch} x sequence ${steps}`);
    }
  }

  /**
   * Window number k (k >= 0): token ids [steps*batch] each, time-major. Deterministic; fresh arrays,
   * no tensors.
   */
  window(k: number): Window {
    const { batch, steps, streamLength } = this;
    const w = k % this.windowsPerPass;
    const n = batch * steps;
    const inputs = new Int32Array(n);
    const targets = new Int32Array(n);
    const targetIndex = new Int32Array(n);
    for (let t = 0; t < steps; t++) {
      for (let b = 0; b < batch; b++) {
        const pos = b * streamLength + w * steps + t;
        const row = t * batch + b;
        inputs[row] = this.tokens[pos];
        targets[row] = this.tokens[pos + 1];
        targetIndex[row] = pos + 1;
      }
    }
    return { inputs, targets, targetIndex, reset: w === 0 };
  }
}
