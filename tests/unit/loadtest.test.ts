import { describe, expect, it } from 'vitest';
import { parseLoadTestArgs } from '../../scripts/loadtest/args';
import { countDelivery, ErrorTally, percentiles } from '../../scripts/loadtest/stats';

describe('loadtest percentiles', () => {
  it('takes the nearest rank, whatever the input order', () => {
    const values = Array.from({ length: 100 }, (_, i) => 100 - i);
    expect(percentiles(values)).toEqual({ p50: 50, p95: 95, p99: 99, max: 100 });
  });

  it('reports a single value at every rank, and nothing for no values', () => {
    expect(percentiles([7.25])).toEqual({ p50: 7.3, p95: 7.3, p99: 7.3, max: 7.3 });
    expect(percentiles([])).toEqual({ p50: null, p95: null, p99: null, max: null });
  });
});

describe('loadtest arguments', () => {
  it('defaults to one instance on the embedded store, and to Redis for several', () => {
    expect(parseLoadTestArgs(['--students', '300', '--hz', '2', '--seconds', '30'])).toEqual({
      students: 300,
      hz: 2,
      seconds: 30,
      instances: 1,
      store: 'embedded',
      json: false,
    });
    const several = parseLoadTestArgs(['--students', '3', '--hz', '1', '--seconds', '5', '--instances', '2', '--json']);
    expect(several).toMatchObject({ instances: 2, store: 'redis', json: true });
  });

  it('lets --store override the default', () => {
    const args = ['--students', '3', '--hz', '1', '--seconds', '5', '--store', 'redis'];
    expect(parseLoadTestArgs(args).store).toBe('redis');
  });

  it.each([
    [['--hz', '1', '--seconds', '5'], /--students is required/],
    [['--students', '2.5', '--hz', '1', '--seconds', '5'], /--students must be a whole number/],
    [['--students', '2', '--hz', '0', '--seconds', '5'], /--hz must be a number/],
    [['--students', '2', '--hz', '1', '--seconds', '5', '--store', 'disk'], /--store must be redis or embedded/],
    [
      ['--students', '2', '--hz', '1', '--seconds', '5', '--instances', '2', '--store', 'embedded'],
      /use --store redis/,
    ],
    [['--students', '2', '--hz', '1', '--seconds', '5', '--verbose'], /Unknown option/],
  ])('refuses %j', (argv, message) => {
    expect(() => parseLoadTestArgs(argv)).toThrow(message);
  });
});

describe('loadtest delivery counting', () => {
  it('counts sent points never stored as lost, each once', () => {
    const runs = [
      { runId: 'a', sentSeqs: [0, 1, 2, 3], storedSeqs: [0, 1] },
      { runId: 'b', sentSeqs: [0, 1], storedSeqs: [0, 1] },
    ];
    expect(countDelivery(runs, new Map())).toEqual({ stored: 4, lost: 2, duplicatedStored: 0, duplicatedAtHost: 0 });
  });

  it('counts a seq stored twice and a point the host received more than once as duplicates', () => {
    const runs = [{ runId: 'a', sentSeqs: [0, 1], storedSeqs: [0, 1, 1] }];
    const host = new Map([
      [
        'a',
        new Map([
          [10, 1],
          [20, 3],
        ]),
      ],
      ['b', new Map([[10, 2]])],
    ]);
    expect(countDelivery(runs, host)).toEqual({ stored: 2, lost: 0, duplicatedStored: 1, duplicatedAtHost: 3 });
  });

  it('tallies errors by code', () => {
    const tally = new ErrorTally();
    for (const code of ['TIMEOUT', 'RATE_LIMITED', 'TIMEOUT']) tally.add(code);
    expect(tally.total).toBe(3);
    expect(tally.byCode()).toEqual({ RATE_LIMITED: 1, TIMEOUT: 2 });
  });
});
