import { describe, expect, it } from 'vitest';
import { shareText } from '@/lib/data/text';
import { challengeForTask } from '@/lib/domain/challenge-presets';
import { generateTaskData } from '@/lib/domain/task-data';
import { ClientEvent, ServerEvent } from '@/lib/protocol/events';
import { textsPath, weightsPath } from '@/lib/protocol/http-paths';
import { modelConfigOf } from '@/lib/domain/run-model';
import { initialWeights } from '@/lib/model/init';
import { encodeWeights } from '@/lib/model/weights-io';
import type { TaskChoice } from '@/lib/protocol/challenge';
import type { SessionCreateReply, SessionJoinReply } from '@/lib/protocol/schemas';
import { serverOver, STORE_BACKENDS } from '../helpers/store-backends';
import { expectOk, nextEvent, type TestSocket } from '../helpers/test-client';

/** Prose, then 300 pseudo-random letters (less than their period): the held-out slice (the last 5%) repeats nothing before it. */
const TEXT =
  'The wind moved over the fields and the river ran slowly past the mill.\n'.repeat(40) +
  Array.from({ length: 300 }, (_, i) => 'abcdefghijklmnopqrstuvwxyz '[(i * 7919 + ((i * i) % 13)) % 27]).join('');

/** Every window of `length` characters of `text`, stepping by `stride`. */
const windows = (text: string, length: number, stride: number) =>
  Array.from({ length: Math.max(0, Math.floor((text.length - length) / stride) + 1) }, (_, i) =>
    text.slice(i * stride, i * stride + length),
  );

describe.each(STORE_BACKENDS)('the secret test split over the %s store', (_, openStore) => {
  const server = serverOver(openStore);

  /**
   * A student who records everything the server sends them: every broadcast, every ack, and the bodies of
   * the HTTP responses they read.
   */
  async function recordingStudent(code: string) {
    const received: string[] = [];
    const socket: TestSocket = await server.client();
    socket.onAny((event: string, ...args: unknown[]) => received.push(`${event} ${JSON.stringify(args)}`));
    const request = async <T>(event: ClientEvent, payload: unknown) => {
      const data = await expectOk<T>(socket, event, payload);
      received.push(`${event} ack ${JSON.stringify(data)}`);
      return data;
    };
    const get = async (path: string, init?: RequestInit) => {
      const body = await (await fetch(`${server.url()}${path}`, init)).text();
      received.push(`${init?.method ?? 'GET'} ${path} ${body}`);
      return body;
    };
    const joined = await request<SessionJoinReply>(ClientEvent.SessionJoin, { code, nickname: 'Eve' });
    return { socket, received, request, get, joined };
  }

  /** A round played by a recording student on `task`, from join to the end of the round. */
  async function playRound(task: TaskChoice, withText = false) {
    const host = await server.client();
    const created = await expectOk<SessionCreateReply>(host, ClientEvent.SessionCreate, {});
    const upload = withText ? await uploadText(created) : null;
    const chosen = upload ? { ...task, params: { textId: upload } } : task;
    await expectOk(host, ClientEvent.ChallengeSet, { challenge: { ...challengeForTask('adding'), task: chosen } });
    const student = await recordingStudent(created.code);
    await expectOk(host, ClientEvent.RoundStart, {});
    if (upload) await student.get(`${textsPath(created.code)}/${upload}`);
    const { defaults } = challengeForTask('adding');
    const runId = 'secret-split-run-0001';
    await student.request(ClientEvent.RunStart, { runId, config: { ...defaults, seed: 1 } });
    await student.request(ClientEvent.RunMetrics, {
      runId,
      points: [{ seq: 0, step: 5, elapsedMs: 9, trainLoss: 2, valLoss: 1.5 }],
    });
    await student.request(ClientEvent.RunFinish, { runId, outcome: 'completed' });
    const model = modelConfigOf({ ...defaults, seed: 1 }, student.joined.session.task.vocabSize);
    await student.get(weightsPath(created.code, runId), {
      method: 'POST',
      body: new Blob([new Uint8Array(encodeWeights(model, initialWeights(model)))]),
      headers: { 'content-type': 'application/octet-stream', authorization: `Bearer ${student.joined.token}` },
    });
    await student.request(ClientEvent.BoardGet, {});
    await student.request(ClientEvent.RunMine, {});
    const ended = nextEvent(student.socket, ServerEvent.SessionState, (s) => s.round.status === 'ended');
    await expectOk(host, ClientEvent.RoundEnd, {});
    await ended;
    await student.request(ClientEvent.SessionResume, {
      role: 'student',
      code: created.code,
      participantId: student.joined.participantId,
      token: student.joined.token,
    });
    await student.request(ClientEvent.BoardGet, { round: 1 });
    const testSeed = await server.store().roundTestSeed(created.code, 1);
    expect(testSeed).not.toBeNull();
    return { received: student.received.join('\n'), testSeed: testSeed as number, chosen };
  }

  async function uploadText(created: SessionCreateReply): Promise<string> {
    const response = await fetch(`${server.url()}${textsPath(created.code)}`, {
      method: 'POST',
      body: TEXT,
      headers: { authorization: `Bearer ${created.hostToken}` },
    });
    return ((await response.json()) as { textId: string }).textId;
  }

  it('never sends a student the held-out slice of the instructor’s text', async () => {
    const { received, testSeed } = await playRound({ id: 'text', params: {}, seed: 1 }, true);
    const { shared, heldOut } = shareText(TEXT);
    expect(received).toContain(shared.slice(0, 200));
    expect(received).toContain('{"status":"pending"}');
    expect(heldOut.length).toBeGreaterThan(100);
    for (const window of windows(heldOut, 24, 8)) expect(received).not.toContain(window);
    expect(received).not.toContain(String(testSeed));
  });

  it('never sends a student the secret seed or an example of a generated task’s test split', async () => {
    const { received, testSeed, chosen } = await playRound({ id: 'adding', params: {}, seed: 5 });
    const data = generateTaskData(chosen, undefined, { testSeed });
    const decoded = Array.from(data.test.tokens, (t) => data.vocab[t]).join(data.separator);
    const examples = decoded.split('|').filter((e) => e.trim().length > 0);
    expect(examples.length).toBeGreaterThan(100);
    for (const example of examples) expect(received).not.toContain(example.trim());
    expect(received).not.toContain(String(testSeed));
  });
});
