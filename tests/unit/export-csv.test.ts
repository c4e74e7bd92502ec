import { describe, expect, it } from 'vitest';
import { DEFAULT_CHALLENGE } from '@/lib/domain/challenge-presets';
import { csvField, exportCsv, toCsv } from '@/lib/domain/export-csv';
import { buildSessionExport } from '@/lib/domain/session-export';
import type { SessionRecord } from '@/lib/domain/session';
import type { RunView } from '@/lib/protocol/run';
import type { Verification } from '@/lib/protocol/verification';
import { meta, participant } from '../contract/store-contract';

describe('CSV quoting (RFC 4180)', () => {
  it('quotes a field with a comma, a quote, CR or LF, doubling quotes, and leaves others bare', () => {
    expect(csvField('Ada')).toBe('Ada');
    expect(csvField('Ada, Countess')).toBe('"Ada, Countess"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('cr\rhere')).toBe('"cr\rhere"');
    expect(csvField('"')).toBe('""""');
    expect(csvField(0.005)).toBe('0.005');
    expect(csvField(null)).toBe('');
    expect(csvField(undefined)).toBe('');
  });

  it('defuses a nickname a spreadsheet would run as a formula, but writes numbers as they are', () => {
    expect(csvField('=HYPERLINK("http://x")')).toBe('"\'=HYPERLINK(""http://x"")"');
    expect(csvField('+1')).toBe("'+1");
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField('-2')).toBe("'-2");
    expect(csvField(-2)).toBe('-2');
  });

  it('ends every record with CRLF', () => {
    expect(
      toCsv([
        ['a', 'b,c'],
        [1, null],
      ]),
    ).toBe('a,"b,c"\r\n1,\r\n');
  });
});

const config = { ...DEFAULT_CHALLENGE.defaults, seed: 3 };
const record: SessionRecord = {
  meta: meta('K7PQ2M'),
  participants: [participant('p2', 'Grace "G", H', 20), participant('p1', 'Ada', 10)],
};
const run = (id: string, participantId: string, best: RunView['best']): RunView => ({
  id,
  participantId,
  round: 1,
  config,
  status: 'completed',
  startedAt: 1_700_000_000_000,
  lastStep: 300,
  curvePoints: 2,
  best,
  bestAccuracy: null,
});
const VERIFIED: Verification = { status: 'done', testLoss: 1.3, testAccuracy: 0.5, valLoss: 1.26 };
const source = (anonymous: boolean, flags = true) => ({
  record,
  rounds: [{ round: 1, challenge: DEFAULT_CHALLENGE }],
  runs: [
    {
      run: run('run-1', 'p2', { valLoss: 1.25, accuracy: null, step: 200, at: 5 }),
      points: [
        { seq: 0, step: 200, elapsedMs: 1, trainLoss: 2, valLoss: 1.25 },
        { seq: 1, step: 300, elapsedMs: 2, trainLoss: 2, valLoss: 1.5 },
        { seq: 2, step: 300, elapsedMs: 3, trainLoss: 1.9 },
      ],
      verified: VERIFIED,
    },
    { run: run('run-2', 'p1', null), points: [], verified: null },
  ],
  anonymous,
  flags,
  exportedAt: 9,
});

describe('export.csv', () => {
  it('has a header, one row per run, empty cells for missing values, and the last validation loss', () => {
    const lines = exportCsv(buildSessionExport(source(false))).split('\r\n');
    expect(lines[0]).toMatch(/^round,run_id,nickname,cell,hidden_size,.*,best_val_loss,best_val_step,best_accuracy,/);
    expect(lines).toHaveLength(4); // header, two runs, and the empty string after the last CRLF
    const header = lines[0].split(',');
    const first = lines[1].replace('"Grace ""G"", H"', 'Grace').split(',');
    const at = (row: string[], column: string) => row[header.indexOf(column)];
    expect(lines[1]).toContain(',"Grace ""G"", H",');
    expect(at(first, 'best_val_loss')).toBe('1.25');
    expect(at(first, 'best_val_step')).toBe('200');
    expect(at(first, 'final_val_loss')).toBe('1.5');
    expect(at(first, 'steps')).toBe('300');
    expect(at(first, 'best_accuracy')).toBe('');
    expect(at(lines[2].split(','), 'best_val_loss')).toBe('');
    expect(['verified', 'test_loss', 'test_accuracy', 'verified_val_loss', 'flagged'].map((c) => at(first, c))).toEqual(
      ['done', '1.3', '0.5', '1.26', 'false'],
    );
    expect(at(lines[2].split(','), 'verified')).toBe('none');
  });

  it('writes a gate bias for the gated cells only: the LSTM forget gate, the GRU update gate, none for an RNN', () => {
    const data = buildSessionExport(source(false));
    const [lstm] = data.runs;
    const runs = (['lstm', 'gru', 'rnn'] as const).map((cell) => ({
      ...lstm,
      config: { ...config, cell, gateBias: 3 },
    }));
    const lines = exportCsv({ ...data, runs }).split('\r\n');
    const column = lines[0].split(',').indexOf('gate_bias');
    const bias = (line: string) => line.replace('"Grace ""G"", H"', 'Grace').split(',')[column];
    expect(lines.slice(1, 4).map(bias)).toEqual(['3', '3', '']);
  });

  it('flags a report the weights do not bear out, for the host key only', () => {
    // Reported 1.25 against the server's 1.26: within the tolerance.
    expect(buildSessionExport(source(false)).runs[0].verified).toEqual({ ...VERIFIED, flagged: false });
    const forged = source(false);
    forged.runs[0].verified = { ...VERIFIED, valLoss: 1.5 };
    expect(buildSessionExport(forged).runs[0].verified?.flagged).toBe(true);
    expect(buildSessionExport({ ...forged, flags: false }).runs[0].verified).toEqual({ ...VERIFIED, valLoss: 1.5 });
  });

  it('anonymised, names participants "Student N" by join order, ids aliased, the same in every export', () => {
    const data = buildSessionExport(source(true));
    expect(data.participants.map((p) => [p.id, p.nickname])).toEqual([
      ['student-1', 'Student 1'],
      ['student-2', 'Student 2'],
    ]);
    expect(data.runs.map((r) => [r.participantId, r.nickname])).toEqual([
      ['student-2', 'Student 2'],
      ['student-1', 'Student 1'],
    ]);
    expect(JSON.stringify(data)).not.toMatch(/Ada|Grace|"p1"|"p2"|-hash|hhhh/);
  });
});
