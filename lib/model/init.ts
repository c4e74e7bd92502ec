import { GATE_COUNT } from './cell-types';
import type { ModelConfig } from './config';
import { createRng, type Rng } from './rng';
import type { LayerArrays, WeightArrays } from './weight-arrays';

function uniform(rng: Rng, n: number, limit: number): Float32Array {
  return Float32Array.from({ length: n }, () => (2 * rng.next() - 1) * limit);
}

/** An orthogonal [n, n] matrix, row-major: Gram-Schmidt on Gaussian rows (Saxe et al. 2014). */
function orthogonal(rng: Rng, n: number): Float32Array {
  const rows: Float64Array[] = [];
  while (rows.length < n) {
    const v = Float64Array.from({ length: n }, () => rng.normal());
    for (const u of rows) {
      let d = 0;
      for (let k = 0; k < n; k++) d += u[k] * v[k];
      for (let k = 0; k < n; k++) v[k] -= d * u[k];
    }
    const len = Math.hypot(...v);
    if (len < 1e-6) continue;
    rows.push(v.map((x) => x / len));
  }
  const out = new Float32Array(n * n);
  rows.forEach((r, i) => out.set(r, i * n));
  return out;
}

/** Which gate block the gate-bias setting targets: LSTM forget (block 1 of i,f,g,o), GRU update (block 1 of r,z,n). */
const GATE_BIAS_BLOCK = { rnn: -1, lstm: 1, gru: 1 } as const;

function initLayer(c: ModelConfig, rng: Rng, input: number): LayerArrays {
  const h = c.hiddenSize;
  const g = GATE_COUNT[c.cell] * h;
  const k = 1 / Math.sqrt(h);
  let layer: LayerArrays;
  if (c.init === 'pytorch') {
    layer = {
      weight_ih: uniform(rng, g * input, k),
      weight_hh: uniform(rng, g * h, k),
      bias_ih: uniform(rng, g, k),
      bias_hh: uniform(rng, g, k),
    };
  } else {
    // Glorot over the whole [I, G*H] kernel, as Keras does.
    const weight_ih = uniform(rng, g * input, Math.sqrt(6 / (input + g)));
    let weight_hh = uniform(rng, g * h, Math.sqrt(6 / (h + g)));
    if (c.init === 'orthogonal') {
      weight_hh = new Float32Array(g * h);
      for (let b = 0; b < GATE_COUNT[c.cell]; b++) weight_hh.set(orthogonal(rng, h), b * h * h);
    }
    layer = { weight_ih, weight_hh, bias_ih: new Float32Array(g), bias_hh: new Float32Array(g) };
  }
  const block = GATE_BIAS_BLOCK[c.cell];
  if (block >= 0) {
    layer.bias_ih.fill(c.gateBias, block * h, (block + 1) * h);
    layer.bias_hh.fill(0, block * h, (block + 1) * h);
  }
  return layer;
}

/**
 * Initial weights from the config's seed, in PyTorch layout. Embedding N(0, 1) and decoder
 * U(-1/sqrt(H), 1/sqrt(H)) as in PyTorch; the recurrent layers follow `init` and `gateBias`.
 * Shapes as in WeightArrays. Pure: plain arrays, no tensors.
 */
export function initialWeights(c: ModelConfig): WeightArrays {
  const rng = createRng(c.seed, 1);
  const embedding = Float32Array.from({ length: c.vocabSize * c.embeddingSize }, () => rng.normal());
  const layers = Array.from({ length: c.layers }, (_, l) =>
    initLayer(c, rng, l === 0 ? c.embeddingSize : c.hiddenSize),
  );
  const k = 1 / Math.sqrt(c.hiddenSize);
  return {
    embedding,
    layers,
    decoderWeight: uniform(rng, c.vocabSize * c.hiddenSize, k),
    decoderBias: uniform(rng, c.vocabSize, k),
  };
}
