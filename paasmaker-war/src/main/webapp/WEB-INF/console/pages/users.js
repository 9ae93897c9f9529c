import {h, show, table, when, errorBox} from '../dom.js';
import {get, post, can} from '../api.js';

/** Users with their grants, a form for a new user (USER_EDIT), and the roles. */
export async function render() {
  const [users, roles, workspaces] = await Promise.all([get('users'), get('roles'), get('workspaces')]);
  const names = new Map(workspaces.map(ws => [ws.id, ws.name]));
  const grants = await Promise.all(users.map(user => get(`users/${encodeURIComponent(user.name)}/grants`).catch(() => [])));
  const status = h('div', {'aria-live': 'polite'});
  const create = can('USER_EDIT') ? h('form', {class: 'card', id: 'new-user', onsubmit: async event => {
    event.preventDefault();
    const form = event.target;
    try {
      await post('users', {name: form.userName.value.trim(), email: form.email.value.trim(), password: form.userPassword.value});
      location.hash = `#/users/${encodeURIComponent(form.userName.value.trim())}`;
    } catch (error) {
      status.replaceChildren(errorBox(error));
    }
  }}, h('h2', {}, 'New user'),
    h('label', {for: 'userName'}, 'Name'), h('input', {id: 'userName', name: 'userName', required: true, autocomplete: 'off'}),
    h('label', {for: 'email'}, 'E-mail'), h('input', {id: 'email', name: 'email', type: 'email', required: true}),
    h('label', {for: 'userPassword'}, 'Password'),
    h('input', {id: 'userPassword', name: 'userPassword', type: 'password', required: true, autocomplete: 'new-password'}),
    h('button', {type: 'submit'}, 'Create'), status) : null;
  show('Users', h('h1', {}, 'Users and roles'),
    table('Users', ['User', 'E-mail', 'Created', 'Grants'], users.map((user, i) => [
      h('a', {href: `#/users/${encodeURIComponent(user.name)}`}, user.name), user.email, when(user.created),
      grants[i].map(grant => h('span', {class: 'tag'}, grant.role,
        grant.workspaceId ? ` in ${names.get(grant.workspaceId) || grant.workspaceId}` : ' everywhere'))])),
    create,
    table('Roles', ['Role', 'Permissions'], roles.map(role => [role.name + (role.builtIn ? ' (built in)' : ''),
      role.permissions.join(', ')])));
}
