import type { DailyCosts } from '../../core/costs/usageSummary';
import { h } from '../element';
import { t } from '../l10n';

const SVG = 'http://www.w3.org/2000/svg';
/** Series colours are classes mapped to the editor's chart colours in usage.css (inline styles are outside the CSP). */
const COLOURS = 6;
const TOP_SERIES = COLOURS - 1;

function svg(tag: string, attrs: Record<string, string | number>, ...children: Element[]): SVGElement {
  const node = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, String(value));
  node.append(...children);
  return node;
}

/** A bar's figure on hover (the table below carries it for everyone else). */
function tooltip(text: string): SVGElement {
  const title = svg('title', {});
  title.textContent = text;
  return title;
}

interface ChartFormat {
  money(usd: number): string;
  modelLabel(key: string): string;
  locale: string;
}

/**
 * Daily cost stacked by model, drawn in SVG with the theme's chart colours, and the same figures
 * as a table: the chart is hidden from screen readers, which read the table.
 */
export function dailyCostChart(daily: DailyCosts, format: ChartFormat): HTMLElement {
  // The five costliest models keep their own colour; the rest are summed as "other models".
  const series = daily.series.slice(0, TOP_SERIES).map((s) => ({ label: format.modelLabel(s.key), costs: s.costs }));
  const rest = daily.series.slice(TOP_SERIES);
  if (rest.length) series.push({ label: t('Other models'), costs: daily.days.map((_, i) => rest.reduce((sum, s) => sum + s.costs[i]!, 0)) });
  const totals = daily.days.map((_, i) => series.reduce((sum, s) => sum + s.costs[i]!, 0));
  const max = Math.max(...totals, 0);
  const dayLabel = (day: string) => new Date(`${day}T12:00:00`).toLocaleDateString(format.locale, { month: 'short', day: 'numeric' });

  const width = 600;
  const height = 160;
  const bar = width / daily.days.length;
  const bars: Element[] = [];
  if (max > 0) {
    daily.days.forEach((day, i) => {
      let y = height;
      series.forEach((s, k) => {
        const size = (s.costs[i]! / max) * (height - 4);
        if (size <= 0) return;
        y -= size;
        bars.push(svg('rect', { x: i * bar + 1, y, width: Math.max(1, bar - 2), height: size, class: `series-${k % COLOURS}` }, tooltip(`${dayLabel(day)}, ${s.label}: ${format.money(s.costs[i]!)}`)));
      });
    });
  }
  const chart = svg('svg', { viewBox: `0 0 ${width} ${height}`, class: 'chart', 'aria-hidden': 'true', focusable: 'false' }, svg('line', { x1: 0, y1: height, x2: width, y2: height, class: 'axis' }), ...bars);
  const legend = h('ul', { class: 'legend', 'aria-hidden': 'true' }, ...series.map((s, k) => h('li', {}, h('span', { class: `swatch series-${k % COLOURS}` }), s.label)));

  const table = h(
    'table',
    { class: 'daily' },
    h('caption', {}, t('Daily cost by model, last 30 days')),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('Day')), ...series.map((s) => h('th', { scope: 'col', class: 'number' }, s.label)), h('th', { scope: 'col', class: 'number' }, t('Total')))),
    h(
      'tbody',
      {},
      ...daily.days.flatMap((day, i) =>
        // Days without cost are left out of the table to keep it short for a screen reader.
        totals[i]! > 0 ? [h('tr', {}, h('th', { scope: 'row' }, dayLabel(day)), ...series.map((s) => h('td', { class: 'number' }, format.money(s.costs[i]!))), h('td', { class: 'number' }, format.money(totals[i]!)))] : [],
      ),
    ),
  );
  if (max === 0) return h('p', {}, t('No costs in the last 30 days.'));
  return h('div', { class: 'daily-cost' }, chart as unknown as HTMLElement, legend, h('details', { open: true }, h('summary', {}, t('Figures as a table')), table));
}
