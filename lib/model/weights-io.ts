import type { ModelConfig } from './config';
import { CELLS, isLayerCount } from './kinds';
import { assembleWeights, weightShapes, type WeightArrays } from './weight-arrays';

/** The part of a ModelConfig that fixes the weights' shapes. */
type ModelShape = Pick<ModelConfig, 'cell' | 'hiddenSize' | 'layers' | 'vocabSize' | 'embeddingSize'>;

const MAGIC = 0x414e4e52; // "RNNA" read as a little-endian uint32
const VERSION = 1;
const HEADER_BYTES = 24;

/** Bytes of the blob of `count` weights (encodeWeights): the header, then float32 values. */
export const blobBytes = (count: number) => HEADER_BYTES + 4 * count;

/**
 * Encodes weights as a compact binary blob (little-endian):
 * bytes 0-3 "RNNA", 4-5 version (1), 6 cell (0 rnn, 1 lstm, 2 gru), 7 layers, 8-11 hiddenSize,
 * 12-15 vocabSize, 16-19 embeddingSize, 20-23 float count; then float32 values of every array in
 * PyTorch layout and weightShapes() order.
 */
export function encodeWeights(shape: ModelShape, w: WeightArrays): Uint8Array {
  const arrays = weightShapes(shape).map((s) => s.get(w));
  const count = arrays.reduce((n, a) => n + a.length, 0);
  const bytes = new Uint8Array(blobBytes(count));
  const view = new DataView(bytes.buffer);
  view.setUint32(0, MAGIC, true);
  view.setUint16(4, VERSION, true);
  view.setUint8(6, CELLS.indexOf(shape.cell));
  view.setUint8(7, shape.layers);
  view.setUint32(8, shape.hiddenSize, true);
  view.setUint32(12, shape.vocabSize, true);
  view.setUint32(16, shape.embeddingSize, true);
  view.setUint32(20, count, true);
  let offset = HEADER_BYTES;
  for (const a of arrays) {
    for (let i = 0; i < a.length; i++, offset += 4) view.setFloat32(offset, a[i], true);
  }
  return bytes;
}

/** Decodes a blob from encodeWeights; throws on a wrong magic, version, size or a non-finite value. */
export function decodeWeights(bytes: Uint8Array): { shape: ModelShape; weights: WeightArrays } {
  if (bytes.length < HEADER_BYTES) throw new Error('weight blob too short');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getUint32(0, true) !== MAGIC) throw new Error('not an RNN Arena weight blob');
  if (view.getUint16(4, true) !== VERSION)
    throw new Error(`unsupported weight blob version ${view.getUint16(4, true)}`);
  const cell = CELLS[view.getUint8(6)];
  const layers = view.getUint8(7);
  if (!cell || !isLayerCount(layers)) throw new Error('weight blob has an invalid cell or layer count');
  const shape: ModelShape = {
    cell,
    layers,
    hiddenSize: view.getUint32(8, true),
    vocabSize: view.getUint32(12, true),
    embeddingSize: view.getUint32(16, true),
  };
  const specs = weightShapes(shape);
  const count = specs.reduce((n, s) => n + s.shape.reduce((a, b) => a * b, 1), 0);
  if (view.getUint32(20, true) !== count || bytes.length !== blobBytes(count)) {
    throw new Error('weight blob size does not match its header');
  }
  let offset = HEADER_BYTES;
  const arrays = specs.map((s) => {
    const a = new Float32Array(s.shape.reduce((x, y) => x * y, 1));
    for (let i = 0; i < a.length; i++, offset += 4) {
      a[i] = view.getFloat32(offset, true);
      if (!Number.isFinite(a[i])) throw new Error(`non-finite value in ${s.name}`);
    }
    return a;
  });
  return { shape, weights: assembleWeights(shape, arrays) };
}

/**
 * How a blob's shape differs from the one expected, in words (e.g. "hiddenSize 32, expected 64"); null
 * when they match. Pure.
 */
export function shapeMismatch(shape: ModelShape, expected: ModelShape): string | null {
  const keys = ['cell', 'layers', 'hiddenSize', 'vocabSize', 'embeddingSize'] as const;
  const wrong = keys.filter((k) => shape[k] !== expected[k]);
  return wrong.length === 0 ? null : wrong.map((k) => `${k} ${shape[k]}, expected ${expected[k]}`).join('; ');
}

/** A PyTorch state dict as JSON: key -> nested row-major arrays (see weightShapes for keys). */
type StateDict = Record<string, number[] | number[][]>;

/**
 * Weights as a PyTorch state dict (embedding.weight, rnn.weight_ih_l0, ..., decoder.weight,
 * decoder.bias), nested row-major arrays with weightShapes' shapes. Pure.
 */
export function toStateDict(shape: ModelShape, w: WeightArrays): StateDict {
  const out: StateDict = {};
  for (const s of weightShapes(shape)) {
    const a = Array.from(s.get(w));
    const [rows, cols = 0] = s.shape;
    out[s.name] = s.shape.length === 1 ? a : Array.from({ length: rows }, (_, r) => a.slice(r * cols, (r + 1) * cols));
  }
  return out;
}

/** Reads a PyTorch state dict into new arrays; throws naming the first missing or mis-shaped key. */
export function fromStateDict(shape: ModelShape, dict: StateDict): WeightArrays {
  const arrays = weightShapes(shape).map((s) => {
    const v = dict[s.name];
    if (!Array.isArray(v)) throw new Error(`state dict lacks ${s.name}`);
    const flat = (v as (number | number[])[]).flat();
    const rowsOk = s.shape.length === 1 || v.length === s.shape[0];
    if (!rowsOk || flat.length !== s.shape.reduce((a, b) => a * b, 1))
      throw new Error(`${s.name} should be [${s.shape.join(', ')}]`);
    return Float32Array.from(flat);
  });
  return assembleWeights(shape, arrays);
}
