import {h, show, errorBox} from '../dom.js';
import {follow} from '../api.js';

/** An instance's output, its last lines and then each new one as it is written. */
export function render([id], page) {
  const output = h('pre', {class: 'log', id: 'instance-log', tabindex: 0, 'aria-label': 'Output', 'aria-live': 'off'});
  const status = h('p', {class: 'muted', 'aria-live': 'polite'}, 'Following…');
  show(`Log of ${id.slice(0, 8)}`, h('h1', {}, 'Log of instance ', h('code', {}, id.slice(0, 8))), status, output);
  const stop = follow(`instances/${encodeURIComponent(id)}/log?lines=200`, {
    onEvent: (name, data) => {
      if (name !== 'log') return;
      const atEnd = output.scrollTop + output.clientHeight >= output.scrollHeight - 4;
      output.append(data.text);
      if (atEnd) output.scrollTop = output.scrollHeight;
    },
    onEnd: () => status.replaceChildren('The instance has gone; its log ends here.'),
    onError: error => status.replaceChildren(errorBox(error)),
  });
  page.onLeave(stop);
}
