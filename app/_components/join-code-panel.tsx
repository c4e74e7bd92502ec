'use client';

import QRCode from 'qrcode';
import { useEffect, useState } from 'react';

/** The code, the join URL and its QR code, sized to be read from the back of a lecture hall. */
export function JoinCodePanel({ code, joinUrl }: { code: string; joinUrl: string }) {
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
    <section aria-label="How to join" className="flex flex-wrap items-center gap-10">
      <div>
        <p className="text-2xl text-slate-400">Join at</p>
        <p className="text-3xl font-semibold break-all" data-testid="join-url">
          {joinUrl}
        </p>
        <p className="mt-6 text-2xl text-slate-400">with the code</p>
        <p className="font-mono text-8xl font-bold tracking-[0.2em] text-amber-300" data-testid="join-code">
          {code}
        </p>
      </div>
      {qr && <img src={qr} alt={`QR code for ${joinUrl}`} className="h-64 w-64 rounded-lg bg-white p-2" />}
    </section>
  );
}
