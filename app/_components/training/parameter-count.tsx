import { formatThousands } from './format';

interface Props {
  /** Trainable parameters of the configured model. */
  count: number;
  /** The challenge's cap; over it the count turns red. */
  max: number;
}

/** The model's parameter count against the challenge's cap. */
export function ParameterCount({ count, max }: Props) {
  const over = count > max;
  return (
    <p
      aria-label="Parameter count"
      data-testid="parameter-count"
      data-over={over}
      className="flex items-baseline gap-2 text-sm whitespace-nowrap tabular-nums"
    >
      <span className={`text-lg font-semibold ${over ? 'text-red-400' : 'text-slate-100'}`}>
        {formatThousands(count)}
      </span>
      <span className="text-slate-400">parameters</span>
      <span className={over ? 'font-semibold text-red-400' : 'text-slate-400'}>
        max {formatThousands(max)}
        {over && ' (over the cap)'}
      </span>
    </p>
  );
}
