import { runBests } from '@/lib/domain/run-bests';
import { formatAccuracy, formatBits } from '../../_components/board/board-format';
import type { LocalRun } from '../../_training/local-run';

/**
 * The student's runs side by side, so settings can be compared with results. The bests follow the
 * server's rule and the board's formatting, so "best accuracy" here is the board's "best accuracy".
 */
export function RunHistory({ runs }: { runs: LocalRun[] }) {
  return (
    <div className="overflow-x-auto rounded-xl bg-slate-900 p-4">
      <h3 className="mb-2 font-semibold">Your runs</h3>
      <table className="w-full text-left text-sm" aria-label="Your runs">
        <thead className="text-slate-400">
          <tr>
            <th className="py-1 pr-3">#</th>
            <th className="pr-3">Cell</th>
            <th className="pr-3">Hidden</th>
            <th className="pr-3">Learning rate</th>
            <th className="pr-3">Gate bias</th>
            <th className="pr-3">Steps</th>
            <th className="pr-3">Best val. bits/token</th>
            <th className="pr-3">Accuracy at best loss</th>
            <th className="pr-3">Best accuracy</th>
            <th>Status</th>
          </tr>
        </thead>
        <tbody>
          {runs.map((run, i) => {
            const { best, bestAccuracy } = runBests(run.points);
            return (
              <tr
                key={run.id}
                className="border-t border-slate-800"
                data-testid="own-run-row"
                data-weights-sha256={run.weightsSha256 ?? undefined}
              >
                <td className="py-1 pr-3">{i + 1}</td>
                <td className="pr-3">{run.config.cell.toUpperCase()}</td>
                <td className="pr-3">{run.config.hiddenSize}</td>
                <td className="pr-3">{run.config.learningRate.toPrecision(2)}</td>
                <td className="pr-3">{run.config.cell === 'rnn' ? '–' : run.config.gateBias}</td>
                <td className="pr-3">{run.step}</td>
                <td className="pr-3 tabular-nums">{formatBits(best?.valLoss)}</td>
                <td className="pr-3 tabular-nums">{formatAccuracy(best?.accuracy)}</td>
                <td className="pr-3 tabular-nums" data-testid="own-best-accuracy">
                  {formatAccuracy(bestAccuracy?.accuracy)}
                </td>
                <td title={run.interruption ?? undefined}>{run.state === 'finished' ? run.outcome : run.state}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
