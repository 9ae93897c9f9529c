import {h, show, errorBox} from '../dom.js';
import {signIn} from '../api.js';

export function render() {
  const status = h('div', {id: 'sign-in-status', 'aria-live': 'polite'});
  const submit = (fields) => async event => {
    event.preventDefault();
    status.replaceChildren();
    const form = event.target;
    form.querySelector('button').disabled = true;
    try {
      await signIn(...fields(form));
      const next = sessionStorage.getItem('paasmaker.next');
      sessionStorage.removeItem('paasmaker.next');
      location.hash = next && next !== '#/sign-in' ? next : '#/';
    } catch (error) {
      status.replaceChildren(errorBox(error));
    } finally {
      form.querySelector('button').disabled = false;
    }
  };
  show('Sign in',
    h('h1', {}, 'Sign in'),
    status,
    h('form', {class: 'card', id: 'user-sign-in', onsubmit: submit(form => [form.name.value, form.password.value])},
      h('h2', {}, 'With your user'),
      h('label', {for: 'name'}, 'User name'),
      h('input', {id: 'name', name: 'name', autocomplete: 'username', required: true}),
      h('label', {for: 'password'}, 'Password'),
      h('input', {id: 'password', name: 'password', type: 'password', autocomplete: 'current-password', required: true}),
      h('button', {type: 'submit'}, 'Sign in')),
    h('form', {class: 'card', id: 'token-sign-in', onsubmit: submit(form => [null, null, form.token.value.trim()])},
      h('h2', {}, 'With the operator’s token'),
      h('p', {class: 'muted'}, 'The token is in $PAASMAKER_HOME/token or PAASMAKER_TOKEN. It is kept in this tab only.'),
      h('label', {for: 'token'}, 'Token'),
      h('input', {id: 'token', name: 'token', type: 'password', autocomplete: 'off', required: true}),
      h('button', {type: 'submit'}, 'Use the token')));
}
