/**
 * The one place colours are chosen. Okabe–Ito (Okabe & Ito, 2008) stays distinguishable under the
 * common colour-vision deficiencies, so every categorical colour in the workspace comes from it.
 */
export const OKABE_ITO = {
  orange: '#E69F00',
  skyBlue: '#56B4E9',
  bluishGreen: '#009E73',
  yellow: '#F0E442',
  blue: '#0072B2',
  vermillion: '#D55E00',
  reddishPurple: '#CC79A7',
  black: '#000000',
} as const;

export type CellName = 'rnn' | 'lstm' | 'gru';

/** Each cell keeps its colour on every chart, so "orange" means LSTM all lesson long. */
export const CELL_COLORS: Record<CellName, string> = {
  rnn: OKABE_ITO.skyBlue,
  lstm: OKABE_ITO.orange,
  gru: OKABE_ITO.bluishGreen,
};

/** Earlier runs sit behind the current one: grey and thin, so they give context without competing. */
export const MUTED_COLOR = '#64748b';

/** Chart chrome matched to the slate dark theme (Tailwind slate-400 / slate-800 / slate-100). */
export const CHART_THEME = {
  axis: '#94a3b8',
  grid: '#1e293b',
  text: '#f1f5f9',
  font: '12px ui-sans-serif, system-ui, sans-serif',
} as const;

/** Colours for the two ends of a saturation bar: a unit stuck near its low end and near its high end. */
export const SATURATION_COLORS = {
  low: OKABE_ITO.blue,
  mid: '#334155',
  high: OKABE_ITO.orange,
} as const;
