import {h, show, table, when, action, errorBox} from '../dom.js';
import {get, post, call, can} from '../api.js';

/** Users with their grants, a form for a new user (USER_EDIT), and the roles with a form to define one (ROLE_EDIT). */
export async function render(params, page) {
  const [users, roles, workspaces] = await Promise.all([get('users'), get('roles'), get('workspaces')]);
  const names = new Map(workspaces.map(ws => [ws.id, ws.name]));
  const grants = await Promise.all(users.map(user => get(`users/${encodeURIComponent(user.name)}/grants`).catch(() => [])));
  const status = h('div', {'aria-live': 'polite'});
  const attempt = work => async event => {
    event.preventDefault?.();
    status.replaceChildren();
    try {
      await work(event);
    } catch (error) {
      status.replaceChildren(errorBox(error));
    }
  };
  const create = can('USER_EDIT') ? h('form', {class: 'card', id: 'new-user', onsubmit: attempt(async event => {
    const form = event.target;
    await post('users', {name: form.userName.value.trim(), email: form.email.value.trim(), password: form.userPassword.value});
    location.hash = `#/users/${encodeURIComponent(form.userName.value.trim())}`;
  })}, h('h2', {}, 'New user'),
    h('label', {for: 'userName'}, 'Name'), h('input', {id: 'userName', name: 'userName', required: true, autocomplete: 'off'}),
    h('label', {for: 'email'}, 'E-mail'), h('input', {id: 'email', name: 'email', type: 'email', required: true}),
    h('label', {for: 'userPassword'}, 'Password'),
    h('input', {id: 'userPassword', name: 'userPassword', type: 'password', required: true, autocomplete: 'new-password'}),
    h('button', {type: 'submit'}, 'Create')) : null;
  // Administrator holds every permission, so its list is the whole vocabulary.
  const permissions = roles.find(role => role.name === 'Administrator')?.permissions || [];
  const editRoles = can('ROLE_EDIT');
  const define = editRoles ? h('form', {class: 'card wide', id: 'role-form', onsubmit: attempt(async event => {
    const form = event.target;
    const chosen = [...form.querySelectorAll('input[type=checkbox]:checked')].map(box => box.value);
    await call('PUT', `roles/${encodeURIComponent(form.roleName.value.trim())}`, {permissions: chosen});
    await render(params, page);
  })}, h('h2', {}, 'Define or change a role'),
    h('label', {for: 'roleName'}, 'Role name'), h('input', {id: 'roleName', name: 'roleName', required: true}),
    h('fieldset', {class: 'permissions'}, h('legend', {}, 'Permissions'),
      permissions.map(permission => h('label', {class: 'check'},
        h('input', {type: 'checkbox', value: permission}), ` ${permission}`))),
    h('button', {type: 'submit'}, 'Save the role')) : null;
  show('Users', h('h1', {}, 'Users and roles'), status,
    table('Users', ['User', 'E-mail', 'Created', 'Grants'], users.map((user, i) => [
      h('a', {href: `#/users/${encodeURIComponent(user.name)}`}, user.name), user.email, when(user.created),
      grants[i].map(grant => h('span', {class: 'tag'}, grant.role,
        grant.workspaceId ? ` in ${names.get(grant.workspaceId) || grant.workspaceId}` : ' everywhere'))])),
    create,
    table('Roles', ['Role', 'Permissions', 'Change'], roles.map(role => [role.name + (role.builtIn ? ' (built in)' : ''),
      role.permissions.join(', '),
      role.builtIn ? '—' : action(`Delete ${role.name}`, editRoles, 'You lack ROLE_EDIT.', attempt(async () => {
        if (!window.confirm(`Delete the role ${role.name}? Its grants then give nothing.`)) return;
        await call('DELETE', `roles/${encodeURIComponent(role.name)}`);
        await render(params, page);
      }))])),
    define);
}
