import {h, show, badge, errorBox, action} from '../dom.js';
import {get, post, follow, can} from '../api.js';

/**
 * A job tree, live: each job with its state and its log as it streams in; a failed job is marked and
 * opened, with the summary that says why.
 */
export async function render([id], page) {
  const tree = await get(`jobs/${encodeURIComponent(id)}`);
  const nodes = new Map();
  const status = h('p', {'aria-live': 'polite', id: 'job-status'});

  const item = job => {
    const state = h('span', {}, badge(job.state));
    const summary = h('span', {class: 'summary'}, job.summary || '');
    const log = h('pre', {class: 'log', 'data-job': job.id});
    const details = h('details', {open: job.state === 'FAILED' || job.children.length === 0 && job.state === 'RUNNING'},
      h('summary', {}, state, ' ', job.title, ' ', summary), log);
    const children = h('ul', {}, job.children.map(item));
    const li = h('li', {class: `job ${job.state.toLowerCase()}`, 'data-job': job.id}, details, children);
    nodes.set(job.id, {li, state, summary, log, details, children});
    return li;
  };
  const update = change => {
    const node = nodes.get(change.job);
    if (!node) {
      const parent = nodes.get(change.parentId);
      if (parent) parent.children.append(item({id: change.job, title: change.title, state: change.state,
        summary: change.summary, children: []}));
      return;
    }
    node.state.replaceChildren(badge(change.state));
    node.summary.textContent = change.summary || '';
    node.li.className = `job ${change.state.toLowerCase()}`;
    if (change.state === 'FAILED') node.details.open = true;
  };

  const root = h('ul', {class: 'tree', id: 'job-tree'}, item(tree));
  const links = [];
  if (tree.tags?.application_id) links.push(h('a', {href: `#/applications/${tree.tags.application_id}`}, 'the application'));
  if (tree.tags?.version_id) links.push(h('a', {href: `#/versions/${tree.tags.version_id}`, id: 'job-version'}, `version ${tree.tags.version || ''}`));
  const abort = h('div', {class: 'actions'});
  if (!['SUCCESS', 'FAILED', 'ABORTED'].includes(tree.state)) {
    const application = tree.tags?.application_id
      ? await get(`applications/${tree.tags.application_id}`).catch(() => null) : null;
    abort.append(action('Abort', can('JOB_ABORT', application?.workspaceId), 'You lack JOB_ABORT in this workspace.',
      async event => {
        event.target.disabled = true;
        try {
          await post(`jobs/${encodeURIComponent(id)}/abort`);
        } catch (error) {
          status.replaceChildren(errorBox(error));
          event.target.disabled = false;
        }
      }, {id: 'abort'}));
  }
  show(tree.title, h('h1', {}, tree.title),
    h('p', {class: 'muted'}, `Started by ${tree.startedBy || 'unknown'}`, links.length ? ['; see ', ...links.flatMap((l, i) => i ? [' and ', l] : [l])] : null),
    abort, status, root);

  const finished = tree => {
    const failed = [];
    const walk = job => {
      update({job: job.id, parentId: job.parentId, title: job.title, state: job.state, summary: job.summary});
      if (job.state === 'FAILED' && job.children.every(child => child.state !== 'FAILED')) failed.push(job);
      job.children.forEach(walk);
    };
    walk(tree);
    status.replaceChildren(tree.state === 'SUCCESS' ? 'Finished.' : h('strong', {class: 'bad-text'},
      `The job ${tree.state.toLowerCase()}`, failed.length ? `: ${failed.map(job => `${job.title}: ${job.summary}`).join('; ')}` : '.'));
    for (const job of failed) nodes.get(job.id)?.li.classList.add('culprit');
    abort.replaceChildren();
  };
  const stop = follow(`jobs/${encodeURIComponent(id)}/events`, {
    resume: true,
    onEvent: (name, data) => {
      if (name === 'state') update(data);
      else if (name === 'log') nodes.get(data.job)?.log.append(data.text);
      else if (name === 'end') finished(data);
    },
    onError: error => status.replaceChildren(errorBox(error)),
  });
  page.onLeave(stop);
}
