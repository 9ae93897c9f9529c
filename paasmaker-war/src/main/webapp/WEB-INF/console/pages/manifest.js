import {h, show, errorBox} from '../dom.js';
import {call, headers, ApiError} from '../api.js';

/** A manifest pasted in a box, checked by the server as a deploy would, each error shown at its line. */
export function render() {
  const result = h('div', {id: 'manifest-result', 'aria-live': 'polite'});
  const lines = h('ol', {class: 'lines', id: 'manifest-lines', hidden: true});
  const onSubmit = async event => {
    event.preventDefault();
    const text = event.target.text.value;
    result.replaceChildren();
    lines.hidden = true;
    const answer = await fetch('/api/v1/manifests/validate', {method: 'POST',
      headers: headers('POST', {'Content-Type': 'application/yaml', Accept: 'application/json'}), body: text});
    if (answer.status === 204) {
      result.replaceChildren(h('p', {class: 'ok', role: 'status'}, 'The manifest is valid for this platform.'));
      return;
    }
    let problem = null;
    try { problem = await answer.json(); } catch { /* no body */ }
    const error = new ApiError(answer.status, problem);
    result.replaceChildren(errorBox(error));
    const byLine = new Map();
    for (const item of problem?.errors || []) {
      if (item.line) byLine.set(item.line, [...(byLine.get(item.line) || []), item.message]);
    }
    lines.replaceChildren(...text.split('\n').map((line, i) => {
      const messages = byLine.get(i + 1);
      return h('li', {class: messages ? 'flagged' : ''}, h('code', {}, line || ' '),
        messages ? h('strong', {class: 'bad-text'}, ` ← ${messages.join('; ')}`) : null);
    }));
    lines.hidden = byLine.size === 0;
  };
  show('Manifest check', h('h1', {}, 'Manifest check'),
    h('form', {class: 'card wide', id: 'manifest-form', onsubmit: onSubmit},
      h('label', {for: 'text'}, 'manifest.yml'),
      h('textarea', {id: 'text', name: 'text', rows: 16, spellcheck: 'false', required: true}),
      h('button', {type: 'submit'}, 'Check')),
    result, lines);
}
