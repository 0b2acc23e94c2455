/**
 * Small SVG charts for the analytics report, written as text: no charting library, no script, nothing fetched.
 * Every bar is a `<rect class="bar">` carrying its value, so a browser test can check the drawing is not empty.
 */

export interface Series {
  name: string;
  /** null: no data (labelled n/a, drawn as nothing). */
  values: (number | null)[];
  color: string;
}

const WIDTH = 760;
const FONT = 'font-family="system-ui, sans-serif" font-size="12"';

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** Up to two decimals, no trailing zeros: 0.5, 12, 3.14. */
export const formatNumber = (n: number): string => String(Math.round(n * 100) / 100);

function legend(series: Series[], y: number): string {
  let x = 0;
  return series
    .map((s) => {
      const item = `<rect x="${x}" y="${y - 10}" width="12" height="12" fill="${s.color}"/><text x="${x + 16}" y="${y}" ${FONT}>${escapeXml(s.name)}</text>`;
      x += 28 + s.name.length * 7;
      return item;
    })
    .join('');
}

function frame(id: string, title: string, height: number, body: string): string {
  return (
    `<figure class="chart"><figcaption>${escapeXml(title)}</figcaption>` +
    `<svg data-chart="${escapeXml(id)}" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" role="img" aria-label="${escapeXml(title)}">${body}</svg></figure>`
  );
}

const empty = (id: string, title: string) => frame(id, title, 40, `<text class="empty" x="0" y="24" ${FONT}>No data in this range.</text>`);

/** Horizontal bars, one group per category (e.g. per op), one bar per series; `unit` follows each value label. */
export function barChart(options: { id: string; title: string; categories: string[]; series: Series[]; unit?: string }): string {
  const { id, title, categories, series } = options;
  if (categories.length === 0) return empty(id, title);
  const labelWidth = 170;
  const plotWidth = WIDTH - labelWidth - 90;
  const barHeight = 14;
  const groupHeight = series.length * barHeight + 10;
  const top = 24;
  const max = Math.max(0, ...series.flatMap((s) => s.values.map((v) => v ?? 0)));
  const scale = (v: number) => (max > 0 ? (Math.max(0, v) / max) * plotWidth : 0);
  const rows = categories.map((category, c) => {
    const y = top + c * groupHeight;
    const label = `<text x="${labelWidth - 8}" y="${y + (series.length * barHeight) / 2 + 4}" text-anchor="end" ${FONT}>${escapeXml(category)}</text>`;
    const bars = series.map((s, k) => {
      const value = s.values[c] ?? null;
      const w = scale(value ?? 0);
      const by = y + k * barHeight;
      const label = value === null ? 'n/a' : `${formatNumber(value)}${options.unit ?? ''}`;
      return (
        `<rect class="bar" data-series="${escapeXml(s.name)}" data-value="${value ?? 0}" x="${labelWidth}" y="${by}" width="${w.toFixed(2)}" height="${barHeight - 2}" fill="${s.color}"><title>${escapeXml(`${category}, ${s.name}: ${label}`)}</title></rect>` +
        `<text x="${labelWidth + w + 4}" y="${by + barHeight - 4}" ${FONT}>${escapeXml(label)}</text>`
      );
    });
    return label + bars.join('');
  });
  const height = top + categories.length * groupHeight + 8;
  return frame(id, title, height, `${legend(series, 14)}${rows.join('')}`);
}

/** One value per day as vertical bars (several series side by side) and, optionally, one series as a line over them. */
export function dayChart(options: { id: string; title: string; days: string[]; bars: Series[]; line?: Series }): string {
  const { id, title, days, bars, line } = options;
  if (days.length === 0) return empty(id, title);
  const left = 40;
  const top = 24;
  const plotWidth = WIDTH - left - 10;
  const plotHeight = 180;
  const all = [...bars, ...(line ? [line] : [])];
  const max = Math.max(1, ...all.flatMap((s) => s.values.map((v) => v ?? 0)));
  const slot = plotWidth / days.length;
  const barWidth = Math.max(0.5, (slot * 0.8) / bars.length);
  const y = (v: number) => top + plotHeight - (Math.max(0, v) / max) * plotHeight;
  const axis =
    `<line x1="${left}" y1="${top + plotHeight}" x2="${left + plotWidth}" y2="${top + plotHeight}" stroke="#999"/>` +
    `<text x="${left - 6}" y="${top + 10}" text-anchor="end" ${FONT}>${formatNumber(max)}</text>` +
    `<text x="${left - 6}" y="${top + plotHeight}" text-anchor="end" ${FONT}>0</text>`;
  const ticks = [...new Set([0, Math.floor((days.length - 1) / 2), days.length - 1])]
    .map((i) => `<text x="${left + slot * i + slot / 2}" y="${top + plotHeight + 16}" text-anchor="middle" ${FONT}>${days[i]}</text>`)
    .join('');
  const rects = days.flatMap((day, d) =>
    bars.map((s, k) => {
      const value = s.values[d] ?? 0;
      const x = left + slot * d + slot * 0.1 + k * barWidth;
      return `<rect class="bar" data-series="${escapeXml(s.name)}" data-value="${value}" x="${x.toFixed(2)}" y="${y(value).toFixed(2)}" width="${barWidth.toFixed(2)}" height="${(top + plotHeight - y(value)).toFixed(2)}" fill="${s.color}"><title>${escapeXml(`${day}, ${s.name}: ${value}`)}</title></rect>`;
    }),
  );
  const polyline = line
    ? `<polyline class="line" data-series="${escapeXml(line.name)}" fill="none" stroke="${line.color}" stroke-width="2" points="${line.values.map((v, d) => `${(left + slot * d + slot / 2).toFixed(2)},${y(v ?? 0).toFixed(2)}`).join(' ')}"/>`
    : '';
  return frame(id, title, top + plotHeight + 28, `${legend(all, 14)}${axis}${rects.join('')}${polyline}${ticks}`);
}
