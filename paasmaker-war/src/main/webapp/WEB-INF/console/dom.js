// Small helpers that build the page from elements, never from HTML strings, so nothing a server
// or a user wrote can become markup.

/** An element: h('a', {href: '#/'}, 'text', child). Attributes starting with "on" are listeners. */
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes || {})) {
    if (value === false || value === null || value === undefined) continue;
    if (name.startsWith('on')) element.addEventListener(name.slice(2), value);
    else if (name === 'dataset') Object.assign(element.dataset, value);
    else element.setAttribute(name, value === true ? '' : String(value));
  }
  append(element, children);
  return element;
}

function append(element, children) {
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    element.append(child instanceof Node ? child : String(child));
  }
}

let loaded = false;

/**
 * Replaces the main area's content and, on a change of page, moves the focus there as a new page
 * would; the first page leaves it at the top, where the skip link is the first stop.
 */
export function show(title, ...children) {
  const main = document.getElementById('main');
  main.replaceChildren(...children.flat().filter(Boolean));
  document.title = `${title} · Paasmaker`;
  if (loaded) main.focus({preventScroll: true});
  loaded = true;
  // When each page was shown, for the figures in docs/benchmarks.md (and any browser's profiler).
  performance.mark('console:shown', {detail: title});
}

/** A table with a caption, its heading row and one row per item. */
export function table(caption, headings, rows) {
  return h('table', {},
    h('caption', {}, caption),
    h('thead', {}, h('tr', {}, headings.map(text => h('th', {scope: 'col'}, text)))),
    h('tbody', {}, rows.length ? rows.map(cells => h('tr', {}, cells.map(cell => h('td', {}, cell))))
      : h('tr', {}, h('td', {colspan: headings.length, class: 'muted'}, 'None.'))));
}

/** A state as a badge whose colour says good, busy or bad; the word says it too. */
export function badge(state) {
  const kind = {RUNNING: 'good', SUCCESS: 'good', READY: 'good', PREPARED: 'idle', FAILED: 'bad', ERROR: 'bad',
    DOWN: 'bad', ABORTED: 'bad', STARTING: 'busy', WAITING: 'busy', NEW: 'busy', ALLOCATED: 'busy',
    REGISTERED: 'idle', STOPPED: 'idle', DEREGISTERED: 'idle'}[state] || 'idle';
  return h('span', {class: `badge ${kind}`}, state);
}

/** "3 h 4 min" since a time, or "—". */
export function since(instant, now = Date.now()) {
  if (!instant) return '—';
  let seconds = Math.max(0, Math.round((now - Date.parse(instant)) / 1000));
  const parts = [];
  for (const [unit, size] of [['d', 86400], ['h', 3600], ['min', 60]]) {
    if (seconds >= size) { parts.push(`${Math.floor(seconds / size)} ${unit}`); seconds %= size; }
  }
  return parts.length ? parts.slice(0, 2).join(' ') : `${seconds} s`;
}

export function when(instant) {
  return instant ? new Date(instant).toLocaleString() : '—';
}

/** A paragraph for an error: a problem's detail and each of its items, in words. */
export function errorBox(error) {
  const items = error.problem?.errors || [];
  return h('div', {class: 'error', role: 'alert'},
    h('p', {}, error.message),
    items.length ? h('ul', {}, items.map(item =>
      h('li', {}, item.line ? `line ${item.line}: ` : '', item.path ? `${item.path}: ` : '', item.message))) : null);
}

/** A button that is disabled with the reason beside it when the user may not take its action. */
export function action(label, allowed, reason, onclick, attributes = {}) {
  const button = h('button', {type: 'button', onclick, disabled: !allowed, ...attributes}, label);
  if (allowed) return button;
  const id = `why-${Math.random().toString(36).slice(2)}`;
  button.setAttribute('aria-describedby', id);
  return h('span', {class: 'refused'}, button, h('small', {id, class: 'muted'}, reason));
}
