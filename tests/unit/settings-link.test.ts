import { describe, expect, it } from 'vitest';
import { FROM_TASK_PARAM, settingsLinkNotice } from '@/app/_components/training/settings-link';
import { challengeForTask } from '@/lib/domain/challenge-presets';
import { runConfigSearch } from '@/lib/domain/run-config-url';

const adding = challengeForTask('adding');
const config = { ...adding.defaults, seed: 5 };
const link = (search: string) => new URLSearchParams(search);

describe('settingsLinkNotice', () => {
  it('says nothing for settings of this task that the challenge allows as they are', () => {
    expect(settingsLinkNotice(link(`${runConfigSearch(config)}&${FROM_TASK_PARAM}=adding`), adding)).toBeNull();
    expect(settingsLinkNotice(link(runConfigSearch(config)), adding)).toBeNull();
    expect(settingsLinkNotice(link(''), adding)).toBeNull();
  });

  it('names both tasks when the run was trained on another one', () => {
    const notice = settingsLinkNotice(link(`${runConfigSearch(config)}&${FROM_TASK_PARAM}=brackets`), adding);
    expect(notice).toEqual({ otherTask: 'Nested brackets', task: 'Delayed recall and adding', adjusted: [] });
  });

  it('lists each setting clamped to the bounds or not allowed, with what is used instead', () => {
    const narrow = {
      ...adding,
      allowedCells: ['lstm' as const, 'rnn' as const],
      bounds: { ...adding.bounds, hiddenSize: { min: 8, max: 128 } },
    };
    const search = runConfigSearch({ ...config, cell: 'gru', hiddenSize: 300, learningRate: 0.5 });
    expect(settingsLinkNotice(link(search), narrow)?.adjusted).toEqual([
      "cell GRU is not allowed here: the challenge's default is used",
      'hidden units 300 → 128',
      'learning rate 0.5 → 0.1',
    ]);
  });
});
