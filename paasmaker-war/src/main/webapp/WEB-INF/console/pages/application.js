import {h, show, table, badge, when, action, errorBox} from '../dom.js';
import {get, call, can} from '../api.js';

export async function render([id]) {
  const application = await get(`applications/${id}`);
  const [workspaces, versions] = await Promise.all([get('workspaces'), get(`applications/${id}/versions`)]);
  const workspace = workspaces.find(ws => ws.id === application.workspaceId);
  show(application.name,
    h('nav', {class: 'crumbs', 'aria-label': 'Breadcrumb'}, h('a', {href: '#/'}, 'Workspaces'), ' / ',
      workspace ? h('a', {href: `#/workspaces/${encodeURIComponent(workspace.stub)}`}, workspace.name) : '…', ' / ',
      application.name),
    h('h1', {}, application.name),
    h('div', {class: 'actions'}, action('Delete all versions', can('APPLICATION_DELETE', application.workspaceId),
      'You lack APPLICATION_DELETE in this workspace.', async event => {
        if (!window.confirm(`Stop and delete every version of ${application.name}, its instances and packages? `
          + 'The application stays, with its services and their data, for its next version. This cannot be undone.')) return;
        event.target.disabled = true;
        try {
          const accepted = await call('DELETE', `applications/${application.id}`);
          location.hash = `#/jobs/${accepted.jobId}`;
        } catch (error) {
          event.target.after(errorBox(error));
          event.target.disabled = false;
        }
      }, {id: 'delete-application'})),
    table(`Versions of ${application.name}`, ['Version', 'State', 'Current', 'Source', 'Created'],
      versions.sort((a, b) => b.number - a.number).map(version => [
        h('a', {href: `#/versions/${version.id}`}, `Version ${version.number}`),
        badge(version.state),
        version.current ? h('strong', {class: 'current'}, 'current') : '—',
        version.source?.plugin || '—',
        when(version.createdAt),
      ])),
    await services(application));
}

/** The application's services, credentials masked as the server sends them until revealed (with the permission). */
async function services(application) {
  if (!can('SERVICE_VIEW', application.workspaceId)) return null;
  const box = h('section', {'aria-labelledby': 'services-heading'});
  const status = h('div', {'aria-live': 'polite'});
  const draw = list => box.replaceChildren(h('h2', {id: 'services-heading'}, 'Services'), status,
    table(`Services of ${application.name}`, ['Service', 'Plugin', 'Credentials'], list.map(service => [
      service.name, h('code', {}, service.plugin),
      h('dl', {class: 'facts'}, Object.entries(service.credentials || {}).flatMap(([key, value]) =>
        [h('dt', {}, key), h('dd', {}, h('code', {}, String(value)))]))])),
    action('Reveal credentials', can('SERVICE_CREDENTIAL_VIEW', application.workspaceId),
      'You lack SERVICE_CREDENTIAL_VIEW in this workspace.', async () => {
        try {
          draw(await get(`applications/${application.id}/services?reveal=true`));
        } catch (error) {
          status.replaceChildren(errorBox(error));
        }
      }, {id: 'reveal'}));
  draw(await get(`applications/${application.id}/services`));
  return box;
}
