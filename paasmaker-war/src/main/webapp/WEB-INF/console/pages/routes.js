import {h, show, table} from '../dom.js';
import {get} from '../api.js';

const SVG = 'http://www.w3.org/2000/svg';
const WINDOW = 60;

function svg(tag, attributes, ...children) {
  const element = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  element.append(...children);
  return element;
}

/** Requests per second over the samples taken while the page is shown, as a line in a frame. */
function rateChart(label, rates) {
  const width = 300, height = 60, top = Math.max(1, ...rates);
  const points = rates.map((rate, i) => `${(i / (WINDOW - 1)) * width},${height - 2 - (rate / top) * (height - 16)}`).join(' ');
  const last = rates.length ? rates[rates.length - 1].toFixed(1) : '0.0';
  return svg('svg', {viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': `${label}: ${last} requests per second now, at most ${top.toFixed(1)}`, class: 'chart'},
    svg('rect', {x: 0.5, y: 0.5, width: width - 1, height: height - 1, class: 'frame'}),
    svg('text', {x: 6, y: 13, class: 'legend'}, `${last}/s now, scale ${top.toFixed(1)}/s`),
    svg('polyline', {points, class: 'line'}));
}

/** Status classes as one stacked bar. */
function statusBar(traffic) {
  const classes = [['2xx', traffic.status2xx, 'good'], ['3xx', traffic.status3xx, 'idle'], ['4xx', traffic.status4xx, 'busy'], ['5xx', traffic.status5xx, 'bad']];
  const total = Math.max(1, classes.reduce((sum, [, count]) => sum + count, 0));
  let x = 0;
  const label = classes.map(([name, count]) => `${name}: ${count}`).join(', ');
  return svg('svg', {viewBox: '0 0 300 34', role: 'img', class: 'chart', 'aria-label': label},
    svg('rect', {x: 0.5, y: 0.5, width: 299, height: 13, class: 'frame'}),
    svg('text', {x: 0, y: 30, class: 'legend'}, label),
    ...classes.map(([, count, kind]) => { const width = (count / total) * 300; const bar = svg('rect', {x, y: 0, width, height: 14, class: kind}); x += width; return bar; }));
}

export async function render(params, page) {
  const routing = await get('routes');
  const history = new Map();
  let previous = null;
  const charts = h('div', {id: 'router-charts'});
  const sample = async () => {
    const stats = await get('router/stats');
    const now = performance.now();
    // Each application as a whole, then each of its versions, sorted so that a version follows its application.
    const series = [...stats.applications.map(entry => [entry.application, entry.traffic]),
      ...stats.versions.map(entry => [`${entry.application} v${entry.version}`, entry.traffic])]
      .sort(([a], [b]) => a.localeCompare(b));
    const rows = series.map(([key, traffic]) => {
      const before = previous?.counts.get(key);
      const rates = history.get(key) || [];
      if (before !== undefined) rates.push(Math.max(0, (traffic.requests - before) / ((now - previous.at) / 1000)));
      history.set(key, rates.slice(-WINDOW));
      return [key, rateChart(key, history.get(key)), statusBar(traffic),
        [traffic.p50Millis, traffic.p90Millis, traffic.p99Millis].map(ms => Number(ms).toFixed(1)).join(' / ') + ' ms'];
    });
    previous = {at: now, counts: new Map(series.map(([key, traffic]) => [key, traffic.requests]))};
    charts.replaceChildren(table('Traffic per application and version (since the router started; rates while this page is open)',
      ['Application or version', 'Requests per second', 'Status classes', 'Latency p50 / p90 / p99'], rows));
  };
  await sample();
  const timer = setInterval(() => sample().catch(() => {}), 2000);
  page.onLeave(() => clearInterval(timer));
  show('Routing', h('h1', {}, 'Routing'), charts,
    table(`Routing table, generation ${routing.generation}`, ['Hostname', 'Targets'], routing.routes.map(route => [
      h('code', {}, route.hostname),
      route.targets.length ? h('ul', {class: 'plain'}, route.targets.map(target =>
        h('li', {}, `${target.application} v${target.version} at ${target.host}:${target.port}`))) : 'none'])));
}
