'use client';

import type { SettingsLinkNotice } from '../../_components/training/settings-link';

/** Says what opening a settings link changed: another task than the run's, settings fitted to this challenge. */
export function SettingsLinkBanner({ notice, onDismiss }: { notice: SettingsLinkNotice; onDismiss: () => void }) {
  return (
    <div
      role="status"
      data-testid="settings-link-notice"
      className="flex flex-wrap items-start gap-3 rounded-lg bg-amber-900/60 px-4 py-3 text-amber-100"
    >
      <div className="flex min-w-0 flex-1 flex-col gap-1">
        {notice.otherTask !== null && (
          <p className="m-0 text-lg">
            These settings come from a run on <strong>{notice.otherTask}</strong>, but this round&apos;s task is{' '}
            <strong>{notice.task}</strong>: the same settings may do differently here.
          </p>
        )}
        {notice.adjusted.length > 0 && (
          <p className="m-0">Fitted to this challenge&apos;s limits: {notice.adjusted.join('; ')}.</p>
        )}
      </div>
      <button type="button" onClick={onDismiss} className="rounded-lg bg-amber-950/60 px-3 py-1 hover:bg-amber-950">
        OK
      </button>
    </div>
  );
}
