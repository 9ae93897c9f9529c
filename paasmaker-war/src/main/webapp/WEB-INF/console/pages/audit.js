import {h, show, table, when} from '../dom.js';
import {get} from '../api.js';

export async function render() {
  const entries = await get('audit');
  show('Audit', h('h1', {}, 'Audit trail'), table('Who did what, newest first', ['When', 'Who', 'What', 'Answer', 'Job'],
    entries.map(entry => [when(entry.at), entry.actor, h('code', {}, entry.action), entry.status,
      entry.jobId ? h('a', {href: `#/jobs/${entry.jobId}`}, entry.jobId.slice(0, 8)) : '—'])));
}
