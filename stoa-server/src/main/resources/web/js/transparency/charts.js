// Charts as SVG built in the page: stacked bars over days, and horizontal bars. No library and no
// build step. Each chart is an image with a title and a description for screen readers; the numbers
// it draws are also in a table beside it. Colours come from classes (transparency.css).
const NS = 'http://www.w3.org/2000/svg';

function svg(tag, attrs = {}, ...children) {
  const el = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) if (v != null) el.setAttribute(k, String(v));
  for (const c of children) if (c != null) el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return el;
}

function titled(width, height, title, description, label) {
  const root = svg('svg', { viewBox: `0 0 ${width} ${height}`, class: 'chart', role: 'img', 'aria-label': label });
  root.append(svg('title', {}, title), svg('desc', {}, description));
  return root;
}

/** A round step for an axis whose largest value is {@code max}: 1, 2 or 5 times a power of ten. */
function step(max) {
  const rough = Math.max(1, max) / 4;
  const power = 10 ** Math.floor(Math.log10(rough));
  return [1, 2, 5, 10].map((f) => f * power).find((s) => s >= rough);
}

/**
 * Bars over days, each stacked from {@code series} ({key, className}); {@code valueOf(day, key)}
 * gives a segment. Every segment is a <rect data-series=key data-date=date>.
 */
export function stackedBars({ days, series, valueOf, title, description }) {
  const width = 720;
  const height = 240;
  const left = 36;
  const bottom = 22;
  const plotW = width - left - 8;
  const plotH = height - bottom - 10;
  const totals = days.map((d) => series.reduce((sum, s) => sum + valueOf(d, s.key), 0));
  const max = Math.max(1, ...totals);
  const unit = step(max);
  const top = Math.ceil(max / unit) * unit;
  const root = titled(width, height, title, description, title);
  for (let v = 0; v <= top; v += unit) {
    const y = 10 + plotH - (v / top) * plotH;
    root.append(svg('line', { class: v === 0 ? 'axis' : 'grid', x1: left, x2: width - 8, y1: y, y2: y }),
      svg('text', { x: left - 6, y: y + 4, 'text-anchor': 'end' }, v));
  }
  const slot = plotW / days.length;
  const barW = Math.max(1, Math.min(28, slot * 0.8));
  const labelEvery = Math.ceil(days.length / 8);
  days.forEach((d, i) => {
    const x = left + i * slot + (slot - barW) / 2;
    let y = 10 + plotH;
    for (const s of series) {
      const v = valueOf(d, s.key);
      if (!v) continue;
      const h = (v / top) * plotH;
      y -= h;
      root.append(svg('rect', { x, y, width: barW, height: h, class: s.className, 'data-series': s.key, 'data-date': d.date },
        svg('title', {}, `${d.date}: ${s.label} ${v}`)));
    }
    if (i % labelEvery === 0 || i === days.length - 1) {
      root.append(svg('text', { x: left + i * slot + slot / 2, y: height - 6, 'text-anchor': 'middle' }, d.date.slice(5)));
    }
  });
  return root;
}

/**
 * One horizontal bar per item ({label, value, className, text}), scaled to {@code max}, with its
 * label above and {@code text} (the value in words) at its end. Every bar is a <rect data-key=key>.
 */
export function horizontalBars({ items, max, title, description }) {
  const width = 720;
  const row = 44;
  const height = Math.max(1, items.length) * row;
  const root = titled(width, height, title, description, title);
  const barMax = width - 170;
  items.forEach((item, i) => {
    const y = i * row;
    const w = max > 0 ? (item.value / max) * barMax : 0;
    root.append(svg('text', { x: 0, y: y + 13, class: 'bar-label' }, item.label),
      svg('rect', { x: 0, y: y + 18, width: barMax, height: 16, class: 'track', rx: 3 }),
      svg('rect', { x: 0, y: y + 18, width: Math.max(w, item.value > 0 ? 2 : 0), height: 16, class: item.className, rx: 3,
        'data-key': item.key }),
      svg('text', { x: barMax + 8, y: y + 31 }, item.text));
  });
  return root;
}

/** The colour swatches that say which series is which. */
export function legend(series) {
  const list = document.createElement('ul');
  list.className = 'legend';
  for (const s of series) {
    const item = document.createElement('li');
    const swatch = svg('svg', { viewBox: '0 0 10 10', 'aria-hidden': 'true' }, svg('rect', { width: 10, height: 10, class: s.className }));
    item.append(swatch, s.label);
    list.append(item);
  }
  return list;
}
