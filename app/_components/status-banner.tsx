import type { ReactNode } from 'react';

const tones = {
  info: 'bg-sky-900/60 text-sky-100',
  warn: 'bg-amber-900/60 text-amber-100',
  error: 'bg-red-900/60 text-red-100',
};

/** A one-line notice across the top of a screen (reconnecting, errors). */
export function StatusBanner({ tone, children }: { tone: keyof typeof tones; children: ReactNode }) {
  return (
    <div role={tone === 'error' ? 'alert' : 'status'} className={`rounded-lg px-4 py-3 text-lg ${tones[tone]}`}>
      {children}
    </div>
  );
}
