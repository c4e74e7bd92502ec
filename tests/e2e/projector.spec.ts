import { expect, test, type Page } from '@playwright/test';
import { DEFAULT_CHALLENGE } from '@/lib/domain/challenge-presets';
import { CELLS } from '@/lib/protocol/challenge';
import { ClientEvent } from '@/lib/protocol/events';
import type { MetricPoint } from '@/lib/protocol/run';
import type { SessionCreateReply } from '@/lib/protocol/schemas';
import { connectClient, expectOk, type TestSocket } from '../helpers/test-client';
import { BoardPage } from './pages/board-page';

/** A lecture hall's worth of runs, simulated from this process: one socket per student, no browsers. */
const STUDENTS = 300;
const POINTS = 6;
const SCREENS = [
  { width: 1280, height: 720 },
  { width: 1600, height: 900 },
  { width: 1920, height: 1080 },
];

/** Where each cell's curves level out (bits per token): gated cells ahead, as in the default race. */
const CELL_FLOOR = { rnn: 2.6, lstm: 1.9, gru: 2.1 } as const;

/** A falling validation curve per run, its level spread by student so the ranking has a clear order. */
function points(student: number, cell: (typeof CELLS)[number]): MetricPoint[] {
  return Array.from({ length: POINTS }, (_, seq) => ({
    seq,
    step: (seq + 1) * 20,
    elapsedMs: seq * 100,
    trainLoss: 4,
    valLoss: CELL_FLOOR[cell] + (0.6 * student) / STUDENTS + 2 / (seq + 1),
  }));
}

async function classOf300(baseURL: string): Promise<{ code: string; hostToken: string; sockets: TestSocket[] }> {
  const host = await connectClient(baseURL);
  const { code, hostToken } = await expectOk<SessionCreateReply>(host, ClientEvent.SessionCreate, {});
  await expectOk(host, ClientEvent.RoundStart, {});
  const sockets = await Promise.all(
    Array.from({ length: STUDENTS }, async (_, i) => {
      const student = await connectClient(baseURL);
      await expectOk(student, ClientEvent.SessionJoin, { code, nickname: `Student number ${i + 1}` });
      const cell = CELLS[i % CELLS.length];
      const runId = `projector-run-${String(i).padStart(6, '0')}`;
      await expectOk(student, ClientEvent.RunStart, {
        runId,
        config: { ...DEFAULT_CHALLENGE.defaults, cell, seed: i + 1 },
      });
      await expectOk(student, ClientEvent.RunMetrics, { runId, points: points(i, cell) });
      return student;
    }),
  );
  host.disconnect();
  return { code, hostToken, sockets };
}

/**
 * The leaderboard rows inside its scroll box (the ones a person in the room can see), each as whether
 * its best score is written out and lies wholly inside the window.
 */
async function rowsOnScreen(page: Page, screen: { width: number; height: number }) {
  const box = await page.getByTestId('leaderboard-scroll').boundingBox();
  const shown: { scored: boolean; inside: boolean }[] = [];
  for (const row of await page.getByTestId('leaderboard-row').all()) {
    const r = await row.boundingBox();
    if (!box || !r || r.y < box.y || r.y + r.height > box.y + box.height) continue;
    const best = row.getByTestId('best-score');
    const b = await best.boundingBox();
    shown.push({
      scored: /^\d\.\d{3}$/.test((await best.textContent()) ?? ''),
      inside: b !== null && b.x >= 0 && b.y >= 0 && b.x + b.width <= screen.width && b.y + b.height <= screen.height,
    });
  }
  return shown;
}

test('the projector shows every visible row with its score and no moderation control, with 300 runs', async ({
  browser,
  baseURL,
}) => {
  test.setTimeout(180_000);
  const { code, hostToken, sockets } = await classOf300(baseURL as string);
  const context = await browser.newContext({ viewport: SCREENS[0] });
  await context.addInitScript(
    ([key, token]) => localStorage.setItem(key, token),
    [`rnn-arena:host:${code}`, hostToken],
  );
  const page = await context.newPage();
  await page.goto(`/host/${code}`);
  await new BoardPage(page).expectChartRuns(STUDENTS);
  await page.getByRole('button', { name: 'Projector mode' }).click();
  await expect(page.getByRole('button', { name: 'Leave projector mode' })).toBeVisible();

  for (const screen of SCREENS) {
    await page.setViewportSize(screen);
    // At least the top five, every one of them with its score on screen.
    await expect
      .poll(async () => {
        const rows = await rowsOnScreen(page, screen);
        return { rows: rows.length >= 5, offScreen: rows.filter((r) => !r.scored || !r.inside).length };
      })
      .toEqual({ rows: true, offScreen: 0 });
    for (const name of [/^Remove /, /^Rename /, /Lock session|Unlock session/, /^End round$/, /^Save challenge$/])
      await expect(page.getByRole('button', { name })).toHaveCount(0);
    await expect(page.getByRole('combobox', { name: 'Board for students' })).toHaveCount(0);
    await expect(page.getByText('Challenge settings')).toHaveCount(0);
  }

  await page.getByRole('button', { name: 'Leave projector mode' }).click();
  await expect(page.getByRole('button', { name: 'End round' })).toBeVisible();
  for (const s of sockets) s.disconnect();
});
