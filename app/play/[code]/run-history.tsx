import type { LocalRun } from '../../_training/use-training-run';

const fmt = (n: number | undefined, digits = 3) => (n === undefined ? '–' : n.toFixed(digits));

/** The student's runs side by side, so settings can be compared with results. */
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
            <th className="pr-3">Accuracy</th>
            <th>Status</th>
          </tr>
        </thead>
        <tbody>
          {runs.map((run, i) => {
            const validated = run.points.filter((p) => p.valLoss !== undefined);
            const best = validated.reduce<(typeof validated)[number] | undefined>(
              (b, p) => (!b || (p.valLoss as number) < (b.valLoss as number) ? p : b),
              undefined,
            );
            return (
              <tr key={run.id} className="border-t border-slate-800">
                <td className="py-1 pr-3">{i + 1}</td>
                <td className="pr-3">{run.config.cell.toUpperCase()}</td>
                <td className="pr-3">{run.config.hiddenSize}</td>
                <td className="pr-3">{run.config.learningRate.toPrecision(2)}</td>
                <td className="pr-3">{run.config.cell === 'rnn' ? '–' : run.config.gateBias}</td>
                <td className="pr-3">{run.step}</td>
                <td className="pr-3">{fmt(best?.valLoss)}</td>
                <td className="pr-3">{best?.accuracy === undefined ? '–' : `${(best.accuracy * 100).toFixed(1)}%`}</td>
                <td>{run.state === 'finished' ? run.outcome : run.state}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
