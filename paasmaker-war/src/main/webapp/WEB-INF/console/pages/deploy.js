import {h, show, errorBox} from '../dom.js';
import {get, post, upload, can} from '../api.js';

const TYPES = [[/\.(tar\.gz|tgz)$/i, 'application/gzip', [0x1f, 0x8b]], [/\.zip$/i, 'application/zip', [0x50, 0x4b]]];

/** A new version from an archive (with its upload's progress) or from a git repository. */
export async function render([stub]) {
  const workspace = await get(`workspaces/${encodeURIComponent(stub)}`);
  const path = `workspaces/${encodeURIComponent(stub)}/versions`;
  const back = h('nav', {class: 'crumbs', 'aria-label': 'Breadcrumb'}, h('a', {href: '#/'}, 'Workspaces'), ' / ',
    h('a', {href: `#/workspaces/${encodeURIComponent(stub)}`}, workspace.name), ' / deploy');
  if (!can('APPLICATION_CREATE', workspace.id)) {
    show('Deploy', back, h('h1', {}, 'Deploy'), h('p', {class: 'error', role: 'alert'},
      `You may not deploy to ${workspace.name}: that needs APPLICATION_CREATE in it.`));
    return;
  }
  const archiveStatus = h('div', {id: 'archive-status', 'aria-live': 'polite'});
  const progress = h('progress', {id: 'upload-progress', max: 100, value: 0, hidden: true, 'aria-label': 'Upload'});
  const gitStatus = h('div', {id: 'git-status', 'aria-live': 'polite'});

  const onArchive = async event => {
    event.preventDefault();
    const form = event.target;
    const file = form.archive.files[0];
    archiveStatus.replaceChildren();
    const kind = file && TYPES.find(([name]) => name.test(file.name));
    const head = file ? new Uint8Array(await file.slice(0, 2).arrayBuffer()) : [];
    if (!kind || head[0] !== kind[2][0] || head[1] !== kind[2][1]) {
      archiveStatus.replaceChildren(h('p', {class: 'error', role: 'alert'}, file
        ? `${file.name} is not a .tar.gz, .tgz or .zip archive; pack the application's folder, manifest.yml at its top.`
        : 'Choose an archive first.'));
      form.archive.setAttribute('aria-invalid', 'true');
      form.archive.focus();
      return;
    }
    form.archive.removeAttribute('aria-invalid');
    form.querySelector('button').disabled = true;
    progress.hidden = false;
    try {
      const manifest = form.manifest.value.trim() || 'manifest.yml';
      const accepted = await upload(`${path}?manifest=${encodeURIComponent(manifest)}`, file, kind[1],
        fraction => { progress.value = Math.round(fraction * 100); });
      location.hash = `#/jobs/${accepted.jobId}`;
    } catch (error) {
      archiveStatus.replaceChildren(errorBox(error));
    } finally {
      form.querySelector('button').disabled = false;
    }
  };
  const onGit = async event => {
    event.preventDefault();
    const form = event.target;
    gitStatus.replaceChildren();
    const source = {type: 'git', url: form.url.value.trim()};
    if (form.branch.value.trim()) source.branch = form.branch.value.trim();
    try {
      const accepted = await post(path, {source, manifest: form.gitManifest.value.trim() || 'manifest.yml'});
      location.hash = `#/jobs/${accepted.jobId}`;
    } catch (error) {
      gitStatus.replaceChildren(errorBox(error));
    }
  };
  show('Deploy', back, h('h1', {}, `Deploy to ${workspace.name}`),
    h('form', {class: 'card', id: 'archive-form', onsubmit: onArchive},
      h('h2', {}, 'From an archive'),
      h('label', {for: 'archive'}, 'Archive (.tar.gz, .tgz or .zip) with manifest.yml'),
      h('input', {id: 'archive', name: 'archive', type: 'file', accept: '.tar.gz,.tgz,.zip,application/gzip,application/zip'}),
      h('label', {for: 'manifest'}, 'Manifest path in the archive'),
      h('input', {id: 'manifest', name: 'manifest', value: 'manifest.yml'}),
      h('button', {type: 'submit'}, 'Upload and prepare'), progress, archiveStatus),
    h('form', {class: 'card', id: 'git-form', onsubmit: onGit},
      h('h2', {}, 'From a git repository'),
      h('label', {for: 'url'}, 'Repository URL'),
      h('input', {id: 'url', name: 'url', type: 'text', required: true, placeholder: 'https://example.org/app.git'}),
      h('label', {for: 'branch'}, 'Branch (optional)'),
      h('input', {id: 'branch', name: 'branch'}),
      h('label', {for: 'gitManifest'}, 'Manifest path'),
      h('input', {id: 'gitManifest', name: 'gitManifest', value: 'manifest.yml'}),
      h('button', {type: 'submit'}, 'Fetch and prepare'), gitStatus));
}
