import { escapeHtml } from '../email/email-composer';
import type { Recruiter } from '../recruiters/recruiters.service';

/**
 * The live inbox: a static page that lists the latest inbox notifications and then follows the
 * recruiter's Server-Sent Events stream. One card per match; a newer version (update, withdrawal)
 * replaces the card. All text is inserted with `textContent`, never as HTML.
 */
export function inboxPage(recruiter: Recruiter): string {
  const base = `/recruiters/${encodeURIComponent(recruiter.id)}/inbox`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Matches for ${escapeHtml(recruiter.name)}</title>
<style>
  body { font-family: system-ui, sans-serif; margin: 2rem auto; max-width: 48rem; padding: 0 1rem; color: #1d232a; }
  h1 { font-size: 1.4rem; }
  #status { font-size: .85rem; color: #667; }
  #status[data-state="live"]::before { content: "● "; color: #1a7f37; }
  ol { list-style: none; padding: 0; }
  li.match { border: 1px solid #d0d7de; border-radius: 8px; padding: .8rem 1rem; margin: .6rem 0; }
  li.match.withdrawn { opacity: .6; }
  .score { font-weight: 700; font-size: 1.1rem; }
  .kind { text-transform: uppercase; font-size: .75rem; letter-spacing: .05em; color: #555; }
  .summary { margin: .3rem 0; }
  .lists { margin: .2rem 0 0; padding-left: 1.2rem; font-size: .9rem; }
  .empty { color: #667; }
</style>
</head>
<body>
<h1>Matches for ${escapeHtml(recruiter.name)} <small>(${escapeHtml(recruiter.organisationId)})</small></h1>
<p id="status" data-state="connecting">connecting…</p>
<p class="empty" id="empty">No matches yet. New ones appear here as they are found.</p>
<ol id="matches" aria-live="polite"></ol>
<script>
(() => {
  const base = ${JSON.stringify(base)};
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

  const source = new EventSource(base + '/events');
  source.addEventListener('open', () => { status.textContent = 'live'; status.dataset.state = 'live'; });
  source.addEventListener('error', () => { status.textContent = 'reconnecting…'; status.dataset.state = 'connecting'; });
  source.addEventListener('notification', (event) => show(JSON.parse(event.data)));
  fetch(base + '/items').then((response) => response.json()).then((items) => items.reverse().forEach(show)).catch(() => undefined);
})();
</script>
</body>
</html>`;
}
