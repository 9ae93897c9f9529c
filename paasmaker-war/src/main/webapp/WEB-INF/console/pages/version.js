import {h, show, table, badge, since, when, action, errorBox} from '../dom.js';
import {get, call, can} from '../api.js';

/** A version: its state and its instances (both refreshed while shown) and the verbs the user may use. */
export async function render([id], page) {
  const version = await get(`versions/${id}`);
  const application = await get(`applications/${version.applicationId}`);
  const ws = application.workspaceId;
  const status = h('div', {'aria-live': 'polite'});
  const instances = h('div', {});

  const verb = (label, permission, path, method = 'POST', confirmText = null) => action(label, can(permission, ws),
    `You lack ${permission} in this workspace.`, async event => {
      if (confirmText && !window.confirm(confirmText)) return;
      event.target.disabled = true;
      status.replaceChildren();
      try {
        const accepted = await call(method, path);
        location.hash = `#/jobs/${accepted.jobId}`;
      } catch (error) {
        status.replaceChildren(errorBox(error));
        event.target.disabled = false;
      }
    }, {'data-verb': label.toLowerCase().replace(/ /g, '-')});

  const state = h('span', {id: 'version-state'});
  const drawState = current => state.replaceChildren(badge(current.state),
    current.current ? h('span', {class: 'current'}, ' current') : '');
  drawState(version);
  const refresh = async () => {
    const [latest, list] = await Promise.all([get(`versions/${id}`), get(`versions/${id}/instances`)]);
    drawState(latest);
    instances.replaceChildren(table('Instances', ['Instance', 'Type', 'State', 'Node', 'Port', 'Up for', 'Restarts', 'Log'],
      list.map(instance => [
        h('code', {}, instance.id.slice(0, 8)), instance.instanceType, badge(instance.state),
        instance.node || '—', instance.port ?? '—',
        instance.state === 'RUNNING' ? since(instance.startedAt) : '—', instance.restarts ?? 0,
        h('a', {href: `#/instances/${instance.id}/log`, 'aria-label': `Follow the log of ${instance.id.slice(0, 8)}`}, 'follow'),
      ])));
  };
  await refresh();
  const timer = setInterval(() => refresh().catch(() => {}), 3000);
  page.onLeave(() => clearInterval(timer));

  show(`${application.name} version ${version.number}`,
    h('nav', {class: 'crumbs', 'aria-label': 'Breadcrumb'}, h('a', {href: '#/'}, 'Workspaces'), ' / ',
      h('a', {href: `#/applications/${application.id}`}, application.name), ` / version ${version.number}`),
    h('h1', {}, `${application.name} version ${version.number} `, state),
    h('dl', {class: 'facts'},
      h('dt', {}, 'Source'), h('dd', {}, version.source?.plugin || '—', ' ',
        h('code', {}, version.source?.parameters?.location || version.source?.parameters?.url || '')),
      h('dt', {}, 'Created'), h('dd', {}, when(version.createdAt)),
      h('dt', {}, 'Package'), h('dd', {}, version.packageChecksum ? h('code', {}, version.packageChecksum.slice(0, 16)) : 'not yet prepared')),
    h('div', {class: 'actions', role: 'group', 'aria-label': 'Actions'},
      verb('Start', 'APPLICATION_DEPLOY', `versions/${id}/start`),
      verb('Stop', 'APPLICATION_DEPLOY', `versions/${id}/stop`),
      verb('Make current', 'APPLICATION_ROUTING', `versions/${id}/make-current`),
      verb('Deregister', 'APPLICATION_DEPLOY', `versions/${id}/deregister`, 'POST',
        'Deregister deletes the instances\' files on their nodes. Go on?'),
      verb('Delete', 'APPLICATION_DELETE', `versions/${id}`, 'DELETE',
        `Delete version ${version.number} of ${application.name}, its package and its instances? This cannot be undone.`)),
    status,
    instances,
    version.manifest ? h('details', {}, h('summary', {}, 'Manifest'), h('pre', {}, version.manifest)) : null);
}
