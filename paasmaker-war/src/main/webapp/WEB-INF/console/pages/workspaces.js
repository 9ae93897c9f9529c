import {h, show, table} from '../dom.js';
import {get} from '../api.js';

export async function render() {
  const workspaces = await get('workspaces');
  show('Workspaces', h('h1', {}, 'Workspaces'),
    table('Workspaces you may see', ['Name', 'Stub', 'Tags'], workspaces.map(ws => [
      h('a', {href: `#/workspaces/${encodeURIComponent(ws.stub)}`}, ws.name),
      h('code', {}, ws.stub),
      Object.entries(ws.tags || {}).map(([key, value]) => h('span', {class: 'tag'}, `${key}: ${JSON.stringify(value)}`)),
    ])));
}
