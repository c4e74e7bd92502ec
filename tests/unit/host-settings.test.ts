import { describe, expect, it } from 'vitest';
import { roundPhase, settingsOpenAfter } from '@/app/host/[code]/challenge-settings';

describe('"Challenge settings" on the host screen', () => {
  it('tells the lobby, a running round and the time between rounds apart', () => {
    expect(roundPhase(undefined)).toBeNull();
    expect(roundPhase({ index: 0, status: 'idle' })).toBe('lobby');
    expect(roundPhase({ index: 2, status: 'running' })).toBe('running');
    expect(roundPhase({ index: 2, status: 'ended' })).toBe('between');
  });

  it('closes when a round starts, even when the host had opened it between rounds', () => {
    expect(settingsOpenAfter('lobby', 'running', true)).toBe(false);
    expect(settingsOpenAfter('between', 'running', true)).toBe(false);
    expect(settingsOpenAfter(null, 'running', true)).toBe(false);
  });

  it('is open in the lobby, starts closed between rounds, and otherwise stays as the host left it', () => {
    expect(settingsOpenAfter(null, 'lobby', false)).toBe(true);
    expect(settingsOpenAfter(null, 'between', true)).toBe(false);
    expect(settingsOpenAfter('running', 'between', false)).toBe(false);
    expect(settingsOpenAfter('running', 'between', true)).toBe(true);
  });
});
