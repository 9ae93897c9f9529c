import {h, show, table, errorBox} from '../dom.js';
import {get, post, can} from '../api.js';

/** The workspaces the user may see, and a form for a new one (WORKSPACE_EDIT). */
export async function render() {
  const workspaces = await get('workspaces');
  const status = h('div', {'aria-live': 'polite', id: 'workspace-status'});
  const create = can('WORKSPACE_EDIT') ? h('form', {class: 'card', id: 'new-workspace', onsubmit: async event => {
    event.preventDefault();
    const form = event.target;
    status.replaceChildren();
    try {
      const created = await post('workspaces', {name: form.wsName.value.trim(), stub: form.stub.value.trim(), tags: {}});
      location.hash = `#/workspaces/${encodeURIComponent(created.stub)}`;
    } catch (error) {
      status.replaceChildren(errorBox(error));
    }
  }}, h('h2', {}, 'New workspace'),
    h('label', {for: 'wsName'}, 'Name'), h('input', {id: 'wsName', name: 'wsName', required: true}),
    h('label', {for: 'stub'}, 'Stub (in hostnames: lower-case letters, digits and dashes)'),
    h('input', {id: 'stub', name: 'stub', required: true, pattern: '[a-z0-9-]+'}),
    h('button', {type: 'submit'}, 'Create'), status) : null;
  show('Workspaces', h('h1', {}, 'Workspaces'),
    table('Workspaces you may see', ['Name', 'Stub', 'Tags'], workspaces.map(ws => [
      h('a', {href: `#/workspaces/${encodeURIComponent(ws.stub)}`}, ws.name),
      h('code', {}, ws.stub),
      Object.entries(ws.tags || {}).map(([key, value]) => h('span', {class: 'tag'}, `${key}: ${JSON.stringify(value)}`)),
    ])),
    create);
}
