import { headline, isWithdrawal, postingName, renderExplanation, type MatchItem } from '../notifications/match-item';

export interface ComposedEmail {
  subject: string;
  text: string;
  html: string;
}

export interface EmailContext {
  recruiterName: string;
  /** Link to the recruiter's live inbox. */
  inboxUrl: string;
}

/** One e-mail about one match change: the score, the explanation in words and a link. */
export function composeMatchEmail(item: MatchItem, context: EmailContext): ComposedEmail {
  const subject = isWithdrawal(item)
    ? `Match withdrawn for ${postingName(item)}`
    : `${item.eventType.endsWith('.updated') ? 'Updated match' : 'New match'} for ${postingName(item)}: score ${item.score}/100`;
  const link = matchLink(context.inboxUrl, item.matchId);
  const intro = isWithdrawal(item)
    ? `Candidate ${item.candidateId} no longer matches your posting ${postingName(item)}: the posting closed, the candidate withdrew, or the profile changed.`
    : `Candidate ${item.candidateId} matches your posting ${postingName(item)} with a score of ${item.score}/100.`;
  const reason = explanationText(item);
  const text = [`Hello ${context.recruiterName},`, '', intro, ...(isWithdrawal(item) ? [] : ['', ...reason]), '', `See it in your inbox: ${link}`, ''].join('\n');
  const html = page(
    `<p>Hello ${escapeHtml(context.recruiterName)},</p><p>${escapeHtml(intro)}</p>` +
      (isWithdrawal(item) ? '' : explanationHtml(item)) +
      `<p><a href="${escapeHtml(link)}">See it in your inbox</a></p>`,
  );
  return { subject, text, html };
}

/** One e-mail listing every match change of a digest window. */
export function composeDigestEmail(items: readonly MatchItem[], context: EmailContext & { windowLabel: string }): ComposedEmail {
  const found = items.filter((item) => !isWithdrawal(item)).length;
  const withdrawn = items.length - found;
  const counts = [found > 0 ? `${found} match${found === 1 ? '' : 'es'}` : '', withdrawn > 0 ? `${withdrawn} withdrawn` : '']
    .filter(Boolean)
    .join(', ');
  const subject = `Your ${context.windowLabel} digest: ${counts}`;
  const blocks = items.map((item) =>
    [headline(item), ...(isWithdrawal(item) ? [] : explanationText(item).map((line) => `  ${line}`)), `  ${matchLink(context.inboxUrl, item.matchId)}`].join('\n'),
  );
  const text = [`Hello ${context.recruiterName},`, '', `Since your last digest: ${counts}.`, '', blocks.join('\n\n'), '', `Your inbox: ${context.inboxUrl}`, ''].join('\n');
  const html = page(
    `<p>Hello ${escapeHtml(context.recruiterName)},</p><p>Since your last digest: ${escapeHtml(counts)}.</p><ul>` +
      items
        .map(
          (item) =>
            `<li><p><a href="${escapeHtml(matchLink(context.inboxUrl, item.matchId))}">${escapeHtml(headline(item))}</a></p>${isWithdrawal(item) ? '' : explanationHtml(item)}</li>`,
        )
        .join('') +
      `</ul><p><a href="${escapeHtml(context.inboxUrl)}">Open your inbox</a></p>`,
  );
  return { subject, text, html };
}

function explanationText(item: MatchItem): string[] {
  const { summary, lists } = renderExplanation(item.explanation);
  return [`Score: ${item.score}/100`, ...(summary ? [`Why: ${summary}`] : []), ...lists.map((list) => `${list.label}: ${list.items.join(', ')}`)];
}

function explanationHtml(item: MatchItem): string {
  const { summary, lists } = renderExplanation(item.explanation);
  return (
    `<p><strong>Score ${item.score}/100</strong>${summary ? ` — ${escapeHtml(summary)}` : ''}</p>` +
    (lists.length > 0 ? `<ul>${lists.map((list) => `<li>${escapeHtml(list.label)}: ${escapeHtml(list.items.join(', '))}</li>`).join('')}</ul>` : '')
  );
}

function matchLink(inboxUrl: string, matchId: string): string {
  return `${inboxUrl}#match-${matchId}`;
}

function page(body: string): string {
  return `<!doctype html><html><body style="font-family: sans-serif">${body}</body></html>`;
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}
