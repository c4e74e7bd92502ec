import { describe, expect, it } from 'vitest';
import { CELL_COLORS } from '@/app/_components/charts/palette';
import { CURRENT_WIDTH_PX, EARLIER_WIDTH_PX, runStyles } from '@/app/_components/charts/run-styles';

describe('runStyles', () => {
  const runs = [
    { id: 'a', cell: 'lstm' as const, hiddenSize: 64 },
    { id: 'b', cell: 'lstm' as const, hiddenSize: 64 },
    { id: 'c', cell: 'gru' as const, hiddenSize: 32 },
    { id: 'd', cell: 'rnn' as const, hiddenSize: 16 },
  ];
  const styles = runStyles(runs, 'c');

  it('numbers each run as "Your runs" does and marks the current one', () => {
    expect(styles.map((s) => s.label)).toEqual(['#1 LSTM h64', '#2 LSTM h64', '#3 GRU h32 (now)', '#4 RNN h16']);
    expect(styles.map((s) => s.current)).toEqual([false, false, true, false]);
  });

  it("keeps each cell's colour and marker, the current run solid and thickest", () => {
    expect(styles.map((s) => s.color)).toEqual([CELL_COLORS.lstm, CELL_COLORS.lstm, CELL_COLORS.gru, CELL_COLORS.rnn]);
    expect(styles.map((s) => s.cell)).toEqual(['lstm', 'lstm', 'gru', 'rnn']);
    expect(styles[2]).toMatchObject({ dash: undefined, width: CURRENT_WIDTH_PX });
    for (const s of [styles[0], styles[1], styles[3]]) expect(s.width).toBe(EARLIER_WIDTH_PX);
  });

  it('gives two earlier runs of the same cell and size different dashes, and no earlier run a solid line', () => {
    const dashes = [styles[0], styles[1], styles[3]].map((s) => s.dash?.join(' '));
    expect(dashes.every((d) => d !== undefined)).toBe(true);
    expect(new Set(dashes).size).toBe(3);
  });

  it('with no current run, draws every run dashed', () => {
    expect(runStyles(runs, null).every((s) => s.dash !== undefined && !s.current)).toBe(true);
  });
});
