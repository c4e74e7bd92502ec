'use client';

import QRCode from 'qrcode';
import { useEffect, useState } from 'react';
import type { JoinAddress } from '@/lib/domain/join-address';

/**
 * The code, the join URL and its QR code, sized to be read from the back of a lecture hall. The URL is
 * `join.base` (worked out on the server: PUBLIC_URL, or a LAN address instead of localhost), and the
 * note says why it differs from the host's address bar; over plain http, one line says what that costs.
 */
export function JoinCodePanel({ code, join }: { code: string; join: JoinAddress }) {
  const joinUrl = `${join.base}/?code=${code}`;
  // Students' pages on a plain-http address that is not their own machine are no secure context.
  const plainHttp = join.base.startsWith('http:');
  const [qr, setQr] = useState<string | null>(null);

  useEffect(() => {
    let cancelled = false;
    QRCode.toDataURL(joinUrl, { margin: 1, width: 480, errorCorrectionLevel: 'M' }).then((url) => {
      if (!cancelled) setQr(url);
    });
    return () => {
      cancelled = true;
    };
  }, [joinUrl]);

  return (
    <section aria-label="How to join" className="flex min-w-0 flex-wrap items-center gap-10">
      <div className="min-w-0">
        <p className="text-2xl text-slate-400">Join at</p>
        <p className="text-3xl font-semibold break-all" data-testid="join-url">
          {joinUrl}
        </p>
        {join.others.length > 0 && (
          <p className="mt-2 text-lg break-all text-slate-400" data-testid="join-others">
            or {join.others.join(', ')}
          </p>
        )}
        <p className="mt-6 text-2xl text-slate-400">with the code</p>
        <p className="font-mono text-5xl font-bold tracking-[0.2em] text-amber-300 sm:text-8xl" data-testid="join-code">
          {code}
        </p>
        {join.note && (
          <p className="mt-4 max-w-xl text-base text-sky-200" data-testid="join-note">
            {join.note}
          </p>
        )}
        {plainHttp && (
          <p className="mt-2 max-w-xl text-base text-slate-300" data-testid="plain-http-note">
            Plain http: students train on single-threaded wasm, without WebGPU. HTTPS (HTTPS_CERT and HTTPS_KEY, see the
            README) brings both back.
          </p>
        )}
      </div>
      {qr && <img src={qr} alt={`QR code for ${joinUrl}`} className="h-64 w-64 rounded-lg bg-white p-2" />}
    </section>
  );
}
