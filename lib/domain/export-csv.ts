import type { ExportRun, SessionExport } from '../protocol/review';

/** A CSV cell: null or undefined is an empty cell. */
export type CsvValue = string | number | null | undefined;

/**
 * RFC 4180: a field holding a comma, a double quote, CR or LF is quoted, its quotes doubled. A text (a
 * nickname, say) starting like a spreadsheet formula (= + - @, tab, CR) gets a leading apostrophe, so a
 * spreadsheet shows it instead of running it; numbers are written as they are.
 */
export function csvField(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'string' && /^[=+\-@\t\r]/.test(value) ? `'${value}` : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** Rows as RFC 4180 text: fields by commas, every record ended by CRLF. */
export function toCsv(rows: readonly (readonly CsvValue[])[]): string {
  return rows.map((row) => row.map(csvField).join(',') + '\r\n').join('');
}

/** The columns of `export.csv`, each with how a run fills it. Losses in bits per token. */
const COLUMNS: [name: string, value: (run: ExportRun) => CsvValue][] = [
  ['round', (r) => r.round],
  ['run_id', (r) => r.id],
  ['nickname', (r) => r.nickname],
  ['cell', (r) => r.config.cell],
  ['hidden_size', (r) => r.config.hiddenSize],
  ['layers', (r) => r.config.layers],
  ['embedding_size', (r) => r.config.embeddingSize],
  ['learning_rate', (r) => r.config.learningRate],
  ['optimizer', (r) => r.config.optimizer],
  ['batch_size', (r) => r.config.batchSize],
  ['seq_length', (r) => r.config.seqLength],
  ['clip_norm', (r) => r.config.clipNorm],
  ['init', (r) => r.config.init],
  // The LSTM's forget-gate or the GRU's update-gate bias (lib/model/init.ts); a vanilla RNN has no gate.
  ['gate_bias', (r) => (r.config.cell === 'rnn' ? null : r.config.gateBias)],
  ['seed', (r) => r.config.seed],
  ['status', (r) => r.status],
  ['steps', (r) => r.lastStep],
  ['best_val_loss', (r) => r.best?.valLoss],
  ['best_val_step', (r) => r.best?.step],
  ['best_accuracy', (r) => r.bestAccuracy?.accuracy],
  // The validation loss of the last stored point that has one: where the run ended, not its best.
  ['final_val_loss', (r) => r.points.findLast((p) => p.valLoss !== undefined)?.valLoss],
  ['started_at', (r) => new Date(r.startedAt).toISOString()],
  // The server's own scores of the run's submitted weights on the round's secret test split.
  ['verified', (r) => r.verified?.status ?? 'none'],
  ['test_loss', (r) => r.verified?.testLoss],
  ['test_accuracy', (r) => r.verified?.testAccuracy],
  ['verified_val_loss', (r) => r.verified?.valLoss],
  ['flagged', (r) => (r.verified?.flagged === undefined ? undefined : String(r.verified.flagged))],
];

/** `export.csv`: a header row, then one row per run of every round, in the export's order. */
export function exportCsv(data: SessionExport): string {
  return toCsv([COLUMNS.map(([name]) => name), ...data.runs.map((run) => COLUMNS.map(([, value]) => value(run)))]);
}
