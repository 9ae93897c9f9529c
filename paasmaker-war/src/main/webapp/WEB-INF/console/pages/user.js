import {h, show, table, when, action, errorBox} from '../dom.js';
import {get, call, post, can} from '../api.js';

/** One user: API keys (make, revoke) and grants (add, remove), each as its permission allows. */
export async function render([name], page) {
  const path = `users/${encodeURIComponent(name)}`;
  const [user, keys, grants, roles, workspaces] = await Promise.all([get(path), get(`${path}/keys`).catch(() => null),
    get(`${path}/grants`), get('roles'), get('workspaces')]);
  const names = new Map(workspaces.map(ws => [ws.id, ws]));
  const status = h('div', {'aria-live': 'polite', id: 'user-status'});
  const run = work => async () => {
    status.replaceChildren();
    try {
      await work();
      await render([name], page);
    } catch (error) {
      status.replaceChildren(errorBox(error));
    }
  };
  const assign = can('ROLE_ASSIGN');
  show(user.name,
    h('nav', {class: 'crumbs', 'aria-label': 'Breadcrumb'}, h('a', {href: '#/users'}, 'Users'), ` / ${user.name}`),
    h('h1', {}, user.name), h('p', {class: 'muted'}, `${user.email}, since ${when(user.created)}`), status,
    table('Grants', ['Role', 'Where', ''], grants.map(grant => {
      const ws = grant.workspaceId ? names.get(grant.workspaceId) : null;
      const query = `role=${encodeURIComponent(grant.role)}${ws ? `&workspace=${encodeURIComponent(ws.stub)}` : ''}`;
      return [grant.role, ws ? ws.name : (grant.workspaceId ? grant.workspaceId : 'everywhere'),
        action('Remove', assign, 'You lack ROLE_ASSIGN.', run(() => call('DELETE', `${path}/grants?${query}`)))];
    })),
    assign ? h('form', {class: 'card', id: 'grant-form', onsubmit: event => {
      event.preventDefault();
      const form = event.target;
      const grant = {role: form.role.value};
      if (form.workspace.value) grant.workspace = form.workspace.value;
      run(() => post(`${path}/grants`, grant))();
    }}, h('h2', {}, 'Grant a role'),
      h('label', {for: 'role'}, 'Role'), h('select', {id: 'role', name: 'role'}, roles.map(role => h('option', {value: role.name}, role.name))),
      h('label', {for: 'workspace'}, 'Where'), h('select', {id: 'workspace', name: 'workspace'},
        h('option', {value: ''}, 'Everywhere'), workspaces.map(ws => h('option', {value: ws.stub}, ws.name))),
      h('button', {type: 'submit'}, 'Grant')) : null,
    keys ? table('API keys', ['Name', 'Created', 'Last used', 'Revoked', ''], keys.map(key => [key.name, when(key.created),
      when(key.lastUsed), key.revoked ? when(key.revoked) : '—',
      key.revoked ? '—' : action('Revoke', true, '', run(() => {
        if (!window.confirm(`Revoke the key "${key.name}"? Whoever uses it is refused at once.`)) return null;
        return call('DELETE', `${path}/keys/${key.id}`);
      }))])) : h('p', {class: 'muted'}, 'Its API keys are shown to itself and to holders of USER_EDIT.'),
    keys ? h('form', {class: 'card', id: 'key-form', onsubmit: event => {
      event.preventDefault();
      issue(path, event.target.keyName.value, name, page, status);
    }}, h('h2', {}, 'Make an API key'), h('label', {for: 'keyName'}, 'Name'),
      h('input', {id: 'keyName', name: 'keyName', required: true, maxlength: 100}),
      h('button', {type: 'submit'}, 'Make the key')) : null);
}

/** Makes a key, then shows its secret, which the server never shows again, above the page drawn anew. */
async function issue(path, keyName, name, page, status) {
  status.replaceChildren();
  try {
    const issued = await post(`${path}/keys`, {name: keyName});
    await render([name], page);
    document.getElementById('user-status').replaceChildren(h('div', {class: 'card', role: 'status', id: 'new-key'},
      h('p', {}, `The key "${issued.key.name}" is shown this once: copy it now.`),
      h('code', {id: 'new-key-secret'}, issued.secret)));
  } catch (error) {
    status.replaceChildren(errorBox(error));
  }
}
