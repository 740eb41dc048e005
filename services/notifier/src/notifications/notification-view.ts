import { renderExplanation, type RenderedExplanation } from './match-item';

export interface NotificationView {
  id: string;
  matchId: string;
  matchVersion: number;
  channel: string;
  /** The webhook endpoint or recruiter the notification was for. */
  recipient: string;
  recruiterId: string | null;
  organisationId: string | null;
  mode: string;
  eventType: string;
  postingId: string;
  postingTitle: string | null;
  candidateId: string;
  score: number;
  summary: string;
  explanation: RenderedExplanation;
  status: string;
  deliveryId: string | null;
  attempts: number;
  lastError: string | null;
  createdAt: string;
  deliveredAt: string | null;
}

/**
 * Columns `toView` reads; join `notifier_postings p` and `deliveries d`. The posting's title is the
 * directory's (current), else the one its match event carried.
 */
export const NOTIFICATION_VIEW_COLUMNS = `n.*, COALESCE(p.title, n.payload->'data'->>'postingTitle') AS posting_title, d.attempts AS delivery_attempts, d.last_error AS delivery_error`;
export const NOTIFICATION_VIEW_FROM = `notifications n LEFT JOIN notifier_postings p ON p.id = n.posting_id LEFT JOIN deliveries d ON d.id = n.delivery_id`;

export function toView(row: Record<string, unknown>): NotificationView {
  const payload = row.payload as { data?: { explanation?: unknown } } | null;
  return {
    id: row.id as string,
    matchId: row.match_id as string,
    matchVersion: row.match_version as number,
    channel: row.channel as string,
    recipient: row.recipient as string,
    recruiterId: (row.recruiter_id as string | null) ?? null,
    organisationId: (row.organisation_id as string | null) ?? null,
    mode: row.mode as string,
    eventType: row.event_type as string,
    postingId: row.posting_id as string,
    postingTitle: (row.posting_title as string | null) ?? null,
    candidateId: row.candidate_id as string,
    score: row.score as number,
    summary: row.summary as string,
    explanation: renderExplanation(payload?.data?.explanation ?? { summary: row.summary }),
    status: row.status as string,
    deliveryId: (row.delivery_id as string | null) ?? null,
    attempts: (row.delivery_attempts as number | null) ?? 0,
    lastError: (row.delivery_error as string | null) ?? null,
    createdAt: (row.created_at as Date).toISOString(),
    deliveredAt: row.delivered_at ? (row.delivered_at as Date).toISOString() : null,
  };
}
