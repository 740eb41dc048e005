import { createHash } from 'node:crypto';

const INBOX_STYLE = `
  body { font-family: system-ui, sans-serif; margin: 2rem auto; max-width: 48rem; padding: 0 1rem; color: #1d232a; }
  h1 { font-size: 1.4rem; }
  #status { font-size: .85rem; color: #667; }
  #status[data-state="live"]::before { content: "● "; color: #1a7f37; }
  #status[data-state="refused"] { color: #b42318; }
  ol { list-style: none; padding: 0; }
  li.match { border: 1px solid #d0d7de; border-radius: 8px; padding: .8rem 1rem; margin: .6rem 0; }
  li.match.withdrawn { opacity: .6; }
  .score { font-weight: 700; font-size: 1.1rem; }
  .kind { text-transform: uppercase; font-size: .75rem; letter-spacing: .05em; color: #555; }
  .summary { margin: .3rem 0; }
  .lists { margin: .2rem 0 0; padding-left: 1.2rem; font-size: .9rem; }
  .empty { color: #667; }
`;

// Written inside a template literal: backslashes are doubled so the browser receives them once.
const INBOX_SCRIPT = `
(() => {
  // The page is served at /recruiters/<id>/inbox; every call goes to that recruiter's resources.
  const base = location.pathname.replace(/\\/inbox\\/?$/, '');
  const heading = document.getElementById('heading');
  const list = document.getElementById('matches');
  const status = document.getElementById('status');
  const empty = document.getElementById('empty');
  const versions = new Map();
  const kinds = { 'talentmatch.match.found': 'new match', 'talentmatch.match.updated': 'updated match', 'talentmatch.match.withdrawn': 'withdrawn' };

  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function show(n) {
    if ((versions.get(n.matchId) ?? 0) >= n.matchVersion) return;
    versions.set(n.matchId, n.matchVersion);
    const withdrawn = n.eventType === 'talentmatch.match.withdrawn';
    const card = el('li', 'match' + (withdrawn ? ' withdrawn' : ''));
    card.id = 'match-' + n.matchId;
    card.dataset.matchId = n.matchId;
    card.dataset.status = withdrawn ? 'withdrawn' : 'active';
    card.append(el('div', 'kind', kinds[n.eventType] || n.eventType));
    const title = el('div', 'title');
    title.append(el('span', 'score', withdrawn ? 'withdrawn' : 'Score ' + n.score + '/100'), document.createTextNode(' · ' + (n.postingTitle ? n.postingTitle : 'posting ' + n.postingId) + ' · candidate ' + n.candidateId));
    card.append(title);
    if (!withdrawn) {
      card.append(el('p', 'summary', n.explanation.summary || n.summary));
      const lists = el('ul', 'lists');
      for (const item of n.explanation.lists || []) lists.append(el('li', '', item.label + ': ' + item.items.join(', ')));
      if (lists.childElementCount) card.append(lists);
    }
    const old = document.getElementById(card.id);
    if (old) old.remove();
    list.prepend(card);
    empty.hidden = true;
  }

  function setStatus(state, text) { status.dataset.state = state; status.textContent = text; }

  // The token from the fragment, kept for this tab only and taken out of the address bar.
  const fragment = new URLSearchParams(location.hash.slice(1));
  if (fragment.has('access_token')) {
    sessionStorage.setItem('inbox-token', fragment.get('access_token'));
    history.replaceState(null, '', location.pathname + location.search);
  }
  const token = sessionStorage.getItem('inbox-token');
  const headers = token ? { authorization: 'Bearer ' + token } : {};
  const refusals = { 401: 'sign-in required: open this page with #access_token=<token>', 403: 'this token may not read matches', 404: 'no such recruiter' };

  async function call(path) {
    const response = await fetch(base + path, { headers, cache: 'no-store' });
    if (refusals[response.status]) throw Object.assign(new Error(refusals[response.status]), { final: true });
    if (!response.ok) throw new Error('HTTP ' + response.status);
    return response;
  }

  async function load() {
    const recruiter = await (await call('')).json();
    heading.textContent = 'Matches for ' + recruiter.name + ' (' + recruiter.organisationId + ')';
    document.title = heading.textContent;
    const items = await (await call('/inbox/items')).json();
    items.reverse().forEach(show);
  }

  function dispatch(block) {
    let type = 'message';
    const data = [];
    for (const line of block.split('\\n')) {
      if (line.startsWith('event:')) type = line.slice(6).trim();
      else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
    }
    if (type === 'notification' && data.length) show(JSON.parse(data.join('\\n')));
    return type;
  }

  async function follow() {
    for (;;) {
      try {
        const response = await call('/inbox/events');
        await load(); // after the stream is open: whatever arrived while away is listed
        setStatus('live', 'live');
        const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
        let buffer = '';
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buffer += value.replace(/\\r\\n?/g, '\\n');
          for (let end = buffer.indexOf('\\n\\n'); end >= 0; end = buffer.indexOf('\\n\\n')) {
            const type = dispatch(buffer.slice(0, end));
            buffer = buffer.slice(end + 2);
            if (type === 'expired') {
              // The server ends the stream when the token expires: reconnecting with it would be refused.
              sessionStorage.removeItem('inbox-token');
              setStatus('refused', 'the token has expired: open this page again with a new #access_token=<token>');
              return;
            }
          }
        }
      } catch (error) {
        if (error.final) { setStatus('refused', error.message); return; }
      }
      setStatus('connecting', 'reconnecting…');
      await new Promise((resolve) => setTimeout(resolve, 2000));
    }
  }

  follow();
})();
`;

/**
 * The live inbox: a static page (the same for every recruiter id, so it reveals nothing) that loads
 * the recruiter and the latest inbox notifications, then follows the recruiter's Server-Sent
 * Events stream. With bearer-token authentication the token comes in the page's fragment
 * (`#access_token=…`, never sent to the server as part of the URL): the page keeps it for the tab
 * and sends it as `Authorization` on every call, reading the stream with `fetch` (an
 * `EventSource` cannot send headers). After a reconnection it loads the latest notifications again,
 * so nothing missed while disconnected is lost. One card per match; a newer version (update,
 * withdrawal) replaces the card. All text is inserted with `textContent`, never as HTML.
 *
 * The page holds not even the recruiter id (the script reads it from the address), so it is one
 * constant document whose style and script the Content-Security-Policy allows by their hashes:
 * nothing else may run or be styled, calls go to this origin only, and no other site may frame it.
 */
export const INBOX_PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>Matches</title>
<style>${INBOX_STYLE}</style>
</head>
<body>
<h1 id="heading">Matches</h1>
<p id="status" data-state="connecting">connecting…</p>
<p class="empty" id="empty">No matches yet. New ones appear here as they are found.</p>
<ol id="matches" aria-live="polite"></ol>
<script>${INBOX_SCRIPT}</script>
</body>
</html>`;

const sha256 = (text: string) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

/** The inbox page's policy: its own style and script (by hash), calls to this origin, no framing. */
export const INBOX_PAGE_CSP = [
  "default-src 'none'",
  `script-src ${sha256(INBOX_SCRIPT)}`,
  `style-src ${sha256(INBOX_STYLE)}`,
  "connect-src 'self'",
  "img-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
