'use client';

import { useRouter } from 'next/navigation';
import { useState, type FormEvent, type ReactNode } from 'react';
import { credentials } from './_realtime/credentials';
import { RequestError, send } from './_realtime/socket-client';
import { joinCodeProblem } from '@/lib/domain/join-code-problem';
import { ErrorCode } from '@/lib/protocol/errors';
import { ClientEvent } from '@/lib/protocol/events';
import { sessionJoinRequest } from '@/lib/protocol/schemas';

interface FieldErrors {
  code?: string;
  nickname?: string;
  form?: string;
}

/** Where a refusal from the server belongs on the form. */
function placeError(err: unknown): FieldErrors {
  if (!(err instanceof RequestError)) return { form: String(err) };
  switch (err.code) {
    case ErrorCode.SessionNotFound:
    case ErrorCode.SessionLocked:
      return { code: err.message };
    case ErrorCode.NicknameTaken:
      return { nickname: err.message };
    case ErrorCode.BadRequest: {
      const field = err.issues?.[0]?.path;
      return field === 'code' || field === 'nickname' ? { [field]: err.message } : { form: err.message };
    }
    default:
      return { form: err.message };
  }
}

/** "Host a class" and the join form. */
export function HomeActions({ initialCode }: { initialCode: string }) {
  const router = useRouter();
  const [code, setCode] = useState(initialCode);
  const [nickname, setNickname] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState<'host' | 'join' | null>(null);

  const host = async () => {
    setBusy('host');
    try {
      const reply = await send(ClientEvent.SessionCreate, {});
      credentials.saveHostToken(reply.code, reply.hostToken);
      router.push(`/host/${reply.code}`);
    } catch (err) {
      setErrors({ form: err instanceof Error ? err.message : String(err) });
      setBusy(null);
    }
  };

  const join = async (event: FormEvent) => {
    event.preventDefault();
    // The same schema the server applies, so most mistakes are caught before a round trip. A mistyped code
    // is told exactly what is wrong (an O, five characters), where the schema only says what a code is.
    const parsed = sessionJoinRequest.safeParse({ code, nickname });
    const codeProblem = joinCodeProblem(code);
    if (!parsed.success || codeProblem) {
      const next: FieldErrors = codeProblem ? { code: codeProblem } : {};
      for (const issue of parsed.success ? [] : parsed.error.issues) {
        const field = issue.path[0] === 'code' ? 'code' : 'nickname';
        next[field] ??= issue.message;
      }
      return setErrors(next);
    }
    setErrors({});
    setBusy('join');
    try {
      const reply = await send(ClientEvent.SessionJoin, parsed.data);
      credentials.saveStudent(parsed.data.code, { participantId: reply.participantId, token: reply.token });
      router.push(`/play/${parsed.data.code}`);
    } catch (err) {
      setErrors(placeError(err));
      setBusy(null);
    }
  };

  return (
    <div className="grid gap-8 md:grid-cols-2">
      <form
        onSubmit={join}
        noValidate
        className="flex flex-col gap-4 rounded-xl bg-slate-900 p-6"
        aria-label="Join a class"
      >
        <h2 className="text-2xl font-semibold">Join a class</h2>
        <Field label="Join code" error={errors.code}>
          <input
            value={code}
            onChange={(e) => setCode(e.target.value)}
            autoCapitalize="characters"
            autoComplete="off"
            placeholder="K7PQ2M"
            className="w-full rounded-lg bg-slate-800 px-3 py-2 font-mono text-2xl tracking-widest uppercase"
          />
        </Field>
        <Field label="Nickname" error={errors.nickname}>
          <input
            value={nickname}
            onChange={(e) => setNickname(e.target.value)}
            autoComplete="nickname"
            className="w-full rounded-lg bg-slate-800 px-3 py-2 text-xl"
          />
        </Field>
        <button
          type="submit"
          disabled={busy !== null}
          className="rounded-lg bg-amber-400 px-4 py-3 text-lg font-semibold text-slate-950 disabled:opacity-50"
        >
          {busy === 'join' ? 'Joining…' : 'Join'}
        </button>
      </form>

      <section className="flex flex-col gap-4 rounded-xl bg-slate-900 p-6">
        <h2 className="text-2xl font-semibold">Teaching?</h2>
        <p className="text-slate-300">Open a session, put its code on the projector, and launch a challenge.</p>
        <button
          type="button"
          onClick={host}
          disabled={busy !== null}
          className="rounded-lg bg-sky-500 px-4 py-3 text-lg font-semibold text-slate-950 disabled:opacity-50"
        >
          {busy === 'host' ? 'Creating…' : 'Host a class'}
        </button>
      </section>

      {errors.form && (
        <p role="alert" className="text-red-300 md:col-span-2">
          {errors.form}
        </p>
      )}
    </div>
  );
}

function Field({ label, error, children }: { label: string; error?: string; children: ReactNode }) {
  return (
    <label className="flex flex-col gap-1">
      <span className="text-sm text-slate-400">{label}</span>
      {children}
      {error && (
        <span role="alert" className="text-sm text-red-300">
          {error}
        </span>
      )}
    </label>
  );
}
