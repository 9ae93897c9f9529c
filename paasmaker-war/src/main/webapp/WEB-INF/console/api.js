// REST API v1 from the browser: who is signed in (kept for this tab only), requests with the
// session cookie and its CSRF token or with the operator's token, problems as errors in words, and
// Server-Sent Events read over fetch (EventSource cannot send the operator's token).

const BASE = '/api/v1/';
const KEY = 'paasmaker.session';

/** An answer the server refused: its problem+json detail as the message, the problem kept. */
export class ApiError extends Error {
  constructor(status, problem, fallback) {
    super(problem?.detail || problem?.title || fallback || `the server answered ${status}`);
    this.status = status;
    this.problem = problem;
  }
}

export const session = {
  get current() {
    const saved = sessionStorage.getItem(KEY);
    return saved ? JSON.parse(saved) : null;
  },
  save(value) {
    sessionStorage.setItem(KEY, JSON.stringify(value));
  },
  clear() {
    sessionStorage.removeItem(KEY);
  },
};

/** Signs in with a name and password (the cookie) or, with no name, with the operator's token. */
export async function signIn(name, password, token) {
  if (token) {
    const check = await fetch(BASE + 'workspaces', {headers: {Authorization: `Bearer ${token}`}});
    if (!check.ok) throw await failure(check);
    // Another user's API key works too; the server says what it may do whenever it refuses.
    session.save({kind: 'token', name: 'operator', token, permissions: null, workspaces: {}});
    return session.current;
  }
  const answer = await fetch(BASE + 'session', {method: 'POST', headers: {'Content-Type': 'application/json'},
    body: JSON.stringify({name, password})});
  if (!answer.ok) throw await failure(answer);
  const body = await answer.json();
  session.save({kind: 'user', name: body.user.name, csrf: body.csrfToken, permissions: body.permissions,
    workspaces: body.workspaces});
  return session.current;
}

export async function signOut() {
  const current = session.current;
  session.clear();
  if (current?.kind === 'user') await fetch(BASE + 'session', {method: 'DELETE'});
}

/**
 * Whether the signed-in caller holds a permission, globally or in that workspace (an id). The token's
 * holder is taken to hold everything: the server still checks, and its refusal is shown.
 */
export function can(permission, workspaceId) {
  const current = session.current;
  if (!current) return false;
  if (current.permissions === null) return true;
  return current.permissions.includes(permission)
    || (workspaceId !== undefined && (current.workspaces[String(workspaceId)] || []).includes(permission));
}

/** Whether the caller holds it anywhere, as lists need. */
export function canSomewhere(permission) {
  const current = session.current;
  return can(permission) || Object.values(current?.workspaces || {}).some(set => set.includes(permission));
}

export function headers(method, extra = {}) {
  const current = session.current;
  const result = {...extra};
  if (current?.kind === 'token') result.Authorization = `Bearer ${current.token}`;
  else if (current?.kind === 'user' && !['GET', 'HEAD'].includes(method)) result['X-Paasmaker-CSRF'] = current.csrf;
  return result;
}

/** A JSON call; resolves to the body (null for 204), rejects with an ApiError. */
export async function call(method, path, body) {
  const init = {method, headers: headers(method, {Accept: 'application/json'})};
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  const answer = await fetch(BASE + path, init);
  if (!answer.ok) throw await failure(answer);
  if (answer.status === 204) return null;
  const type = answer.headers.get('Content-Type') || '';
  return type.includes('json') ? answer.json() : answer.text();
}

export const get = path => call('GET', path);
export const post = (path, body) => call('POST', path, body);

/**
 * Sends a file (an archive for a new version), telling the progress (0..1) as it goes: XMLHttpRequest,
 * since fetch tells no upload progress.
 */
export function upload(path, file, type, onProgress) {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open('POST', BASE + path);
    for (const [name, value] of Object.entries(headers('POST', {'Content-Type': type, Accept: 'application/json'}))) {
      request.setRequestHeader(name, value);
    }
    request.upload.addEventListener('progress', event => {
      if (event.lengthComputable) onProgress(event.loaded / event.total);
    });
    request.addEventListener('load', () => {
      let body = null;
      try { body = JSON.parse(request.responseText); } catch { /* not JSON: the status says it */ }
      if (request.status >= 200 && request.status < 300) resolve(body);
      else reject(new ApiError(request.status, body, `the server answered ${request.status} ${request.statusText}`));
    });
    request.addEventListener('error', () => reject(new ApiError(0, null, 'the upload was cut off; is the server up?')));
    request.send(file);
  });
}

async function failure(answer) {
  let problem = null;
  try { problem = await answer.json(); } catch { /* no body */ }
  if (answer.status === 401 && session.current) {
    session.clear();
    location.hash = '#/sign-in';
  }
  return new ApiError(answer.status, problem);
}

/**
 * Follows an event stream: onEvent(name, data, id) for each event until stop() is called or the
 * stream ends (onEnd). A job's stream ends with its 'end' event: closed before it, it is resumed
 * with Last-Event-ID (resume); an instance's log ends when the server closes it (the instance went).
 */
export function follow(path, {onEvent, onEnd = () => {}, onError = () => {}, resume = false}) {
  const controller = new AbortController();
  let lastId = null;
  let ended = false;
  const run = async () => {
    while (!controller.signal.aborted && !ended) {
      try {
        const extra = {Accept: 'text/event-stream'};
        if (lastId) extra['Last-Event-ID'] = lastId;
        const answer = await fetch(BASE + path, {headers: headers('GET', extra), signal: controller.signal});
        if (!answer.ok) throw await failure(answer);
        const reader = answer.body.pipeThrough(new TextDecoderStream()).getReader();
        let buffer = '';
        for (;;) {
          const {value, done} = await reader.read();
          if (done) break;
          buffer += value;
          let end;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            const event = parse(block);
            if (event.id) lastId = event.id;
            if (event.data !== null) onEvent(event.name, event.data, event.id);
            if (event.name === 'end') ended = true;
          }
        }
        if (ended || !resume) break;
      } catch (error) {
        if (controller.signal.aborted) return;
        onError(error);
        if (error instanceof ApiError) return;
        await new Promise(resolve => setTimeout(resolve, 1000));
      }
    }
    if (!controller.signal.aborted) onEnd();
  };
  run();
  return () => controller.abort();
}

function parse(block) {
  const event = {name: 'message', data: null, id: null};
  const data = [];
  for (const line of block.split('\n')) {
    if (line.startsWith(':')) continue;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (field === 'event') event.name = value;
    else if (field === 'data') data.push(value);
    else if (field === 'id') event.id = value;
  }
  if (data.length) {
    const text = data.join('\n');
    try { event.data = JSON.parse(text); } catch { event.data = text; }
  }
  return event;
}
