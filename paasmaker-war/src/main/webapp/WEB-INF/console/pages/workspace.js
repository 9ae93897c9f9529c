import {h, show, table, action} from '../dom.js';
import {get, can} from '../api.js';

export async function render([stub]) {
  const [workspace, applications] = await Promise.all([get(`workspaces/${encodeURIComponent(stub)}`),
    get(`workspaces/${encodeURIComponent(stub)}/applications`)]);
  const deploy = can('APPLICATION_CREATE', workspace.id)
    ? h('a', {class: 'button', id: 'deploy', href: `#/workspaces/${encodeURIComponent(stub)}/deploy`}, 'Deploy a version')
    : action('Deploy a version', false, 'You lack APPLICATION_CREATE in this workspace.', null, {id: 'deploy'});
  show(workspace.name,
    h('nav', {class: 'crumbs', 'aria-label': 'Breadcrumb'}, h('a', {href: '#/'}, 'Workspaces'), ' / ', workspace.name),
    h('h1', {}, workspace.name),
    h('p', {}, deploy),
    table(`Applications of ${workspace.name}`, ['Application', 'Tags'], applications
      .sort((a, b) => a.name.localeCompare(b.name))
      .map(app => [h('a', {href: `#/applications/${app.id}`}, app.name),
        Object.keys(app.tags || {}).join(', ') || '—'])));
}
