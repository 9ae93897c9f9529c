// The console's router: one page per concept, each at an address that can be bookmarked
// (#/applications/12). A page module exports render(params, page) and is loaded when first shown,
// so the first page costs only what it uses. page.onLeave(fn) registers what to stop on leaving.
import {h, show, errorBox} from './dom.js';
import {session, signOut, can} from './api.js';

const ROUTES = [
  [/^\/sign-in$/, 'signin'],
  [/^\/?$/, 'workspaces'],
  [/^\/workspaces\/([^/]+)$/, 'workspace'],
  [/^\/workspaces\/([^/]+)\/deploy$/, 'deploy'],
  [/^\/applications\/(\d+)$/, 'application'],
  [/^\/versions\/(\d+)$/, 'version'],
  [/^\/instances\/([^/]+)\/log$/, 'log'],
  [/^\/jobs\/([^/]+)$/, 'job'],
  [/^\/manifest$/, 'manifest'],
  [/^\/nodes$/, 'nodes'],
  [/^\/routes$/, 'routes'],
  [/^\/users$/, 'users'],
  [/^\/users\/([^/]+)$/, 'user'],
  [/^\/audit$/, 'audit'],
];

let leaving = [];

async function route() {
  if (location.hash && !location.hash.startsWith('#/')) return; // an anchor in the page, not a page
  leaving.forEach(stop => stop());
  leaving = [];
  const path = decodeURIComponent(location.hash.replace(/^#/, '')) || '/';
  if (!session.current && path !== '/sign-in') {
    sessionStorage.setItem('paasmaker.next', location.hash); // a bookmark is shown once signed in
    location.replace('#/sign-in');
    return;
  }
  header();
  const match = ROUTES.map(([pattern, name]) => [path.match(pattern), name]).find(([found]) => found);
  if (!match) {
    show('Not found', h('h1', {}, 'Not found'), h('p', {}, 'The console has no page at ', h('code', {}, path), '. ',
      h('a', {href: '#/'}, 'To the workspaces')));
    return;
  }
  const [[, ...params], name] = match;
  const page = {onLeave: stop => leaving.push(stop), current: location.hash};
  try {
    const module = await import(`./pages/${name}.js`);
    await module.render(params, page);
  } catch (error) {
    if (page.current !== location.hash) return; // the user went elsewhere meanwhile
    show('Error', h('h1', {}, 'This page could not be shown'), errorBox(error));
  }
}

function header() {
  const current = session.current;
  document.getElementById('nav').hidden = !current;
  const who = document.getElementById('who');
  if (!current) {
    who.replaceChildren();
    return;
  }
  who.replaceChildren(h('span', {}, current.kind === 'token' ? 'API token' : current.name),
    h('button', {type: 'button', class: 'quiet', onclick: async () => {
      await signOut();
      location.hash = '#/sign-in';
    }}, 'Sign out'));
  for (const link of document.querySelectorAll('#nav a')) {
    // Sections the server would refuse are left out; they all need their permission globally.
    link.parentElement.hidden = Boolean(link.dataset.needs) && !can(link.dataset.needs);
    const here = location.hash === link.getAttribute('href') || (link.getAttribute('href') === '#/' && location.hash === '');
    if (here) link.setAttribute('aria-current', 'page'); else link.removeAttribute('aria-current');
  }
}

// The skip link moves the focus without changing the address, which names the page.
document.querySelector('.skip').addEventListener('click', event => {
  event.preventDefault();
  document.getElementById('main').focus();
});
window.addEventListener('hashchange', route);
route();
