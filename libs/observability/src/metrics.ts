import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/**
 * The process's Prometheus registry, served at `/metrics`. Every metric of the platform is defined
 * here, in one place, so names, labels and buckets stay consistent across services and match the
 * alert rules and the dashboard in `infra/`.
 */
export const metricsRegistry = new Registry();
collectDefaultMetrics({ register: metricsRegistry });
// Gauges named like counters (`promtool check metrics` rejects them); the same figures are
// exposed without the suffix (`nodejs_active_handles`, …), by type.
for (const name of ['nodejs_active_handles_total', 'nodejs_active_requests_total', 'nodejs_active_resources_total']) {
  metricsRegistry.removeSingleMetric(name);
}

const registers = [metricsRegistry];

/** Seconds; from a 5 ms handler to a 10 s stall. */
const PROCESSING_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
/** Seconds; end-to-end, where the SLO threshold (2 s) must be a bucket boundary. */
const LATENCY_BUCKETS = [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 300];

// Kafka consumers (EventInbox) and the producer (EventPublisher).
export const messagesConsumed = new Counter({
  name: 'messages_consumed_total',
  help: 'Messages consumed, by topic and outcome (processed, retried, dead_lettered).',
  labelNames: ['topic', 'outcome'] as const,
  registers,
});
export const messageProcessingDuration = new Histogram({
  name: 'message_processing_duration_seconds',
  help: 'Time a consumer spent on one message, validation and handler included, by topic and outcome.',
  labelNames: ['topic', 'outcome'] as const,
  buckets: PROCESSING_BUCKETS,
  registers,
});
export const messagesProduced = new Counter({
  name: 'messages_produced_total',
  help: 'Messages acknowledged by the broker, by topic (dead-letter topics included).',
  labelNames: ['topic'] as const,
  registers,
});
export const deadLetteredMessages = new Counter({
  name: 'dead_lettered_messages_total',
  help: 'Messages sent to a dead-letter topic, by original topic and reason (invalid, forbidden, rejected, exhausted).',
  labelNames: ['topic', 'reason'] as const,
  registers,
});
export const consumerLag = new Gauge({
  name: 'kafka_consumer_group_lag',
  help: 'Messages not yet committed by the consumer group: high watermark minus committed offset, per partition.',
  labelNames: ['group', 'topic', 'partition'] as const,
  registers,
});

// Transactional outbox.
export const outboxBacklog = new Gauge({
  name: 'outbox_backlog_messages',
  help: 'Outbox rows not yet published to Kafka.',
  registers,
});
export const outboxOldestAge = new Gauge({
  name: 'outbox_oldest_unpublished_age_seconds',
  help: 'Age of the oldest unpublished outbox row (0 when the outbox is empty).',
  registers,
});
export const outboxPublishDelay = new Histogram({
  name: 'outbox_publish_delay_seconds',
  help: 'From the outbox row being written to the broker acknowledging it, by topic.',
  labelNames: ['topic'] as const,
  buckets: PROCESSING_BUCKETS,
  registers,
});

// Matching and notification.
export const matchScores = new Histogram({
  name: 'match_score',
  help: 'Scores (0-100) of the match events the matcher emits, by event type.',
  labelNames: ['type'] as const,
  buckets: [10, 20, 30, 40, 50, 60, 70, 80, 90, 100],
  registers,
});
export const notificationsDelivered = new Counter({
  name: 'notifications_delivered_total',
  help: 'Notification delivery attempts, by channel (webhook, email, sse) and outcome (delivered, failed).',
  labelNames: ['channel', 'outcome'] as const,
  registers,
});
export const notificationDeliveryDuration = new Histogram({
  name: 'notification_delivery_duration_seconds',
  help: 'Duration of one delivery attempt, by channel and outcome.',
  labelNames: ['channel', 'outcome'] as const,
  buckets: PROCESSING_BUCKETS,
  registers,
});
export const endToEndLatency = new Histogram({
  name: 'match_notification_latency_seconds',
  help: 'From the ingest of the posting or candidate that caused a match to its notification being delivered, by channel.',
  labelNames: ['channel'] as const,
  buckets: LATENCY_BUCKETS,
  registers,
});

// HTTP server.
export const httpRequests = new Counter({
  name: 'http_requests_total',
  help: 'HTTP requests served, by method, route template and status code.',
  labelNames: ['method', 'route', 'status_code'] as const,
  registers,
});
export const httpRequestDuration = new Histogram({
  name: 'http_request_duration_seconds',
  help: 'HTTP request duration, by method, route template and status code.',
  labelNames: ['method', 'route', 'status_code'] as const,
  buckets: PROCESSING_BUCKETS,
  registers,
});

/**
 * Records one delivery attempt of a notification: the counter SREs alert on, the attempt's
 * duration, and (when delivered) the end-to-end latency from the ingest that caused it.
 */
export function recordNotificationDelivery(delivery: {
  channel: string;
  delivered: boolean;
  durationSeconds: number;
  /** Epoch milliseconds of the ingest that caused the match (see `ingestTime()`). */
  ingestedAtMs?: number;
}): void {
  const outcome = delivery.delivered ? 'delivered' : 'failed';
  notificationsDelivered.inc({ channel: delivery.channel, outcome });
  notificationDeliveryDuration.observe({ channel: delivery.channel, outcome }, delivery.durationSeconds);
  if (delivery.delivered && delivery.ingestedAtMs !== undefined) {
    const latency = (Date.now() - delivery.ingestedAtMs) / 1000;
    if (latency >= 0) endToEndLatency.observe({ channel: delivery.channel }, latency);
  }
}

type Collector = () => Promise<void>;
const collectors = new Set<Collector>();

/**
 * Registers work to run before each scrape (gauges read from the database or the broker). A slow
 * or failing collector leaves its gauges as they were rather than failing the scrape.
 * Returns a function that unregisters it.
 */
export function registerCollector(collector: Collector): () => void {
  collectors.add(collector);
  return () => collectors.delete(collector);
}

export async function collectMetrics(timeoutMs = 2_000): Promise<string> {
  await Promise.all(
    [...collectors].map((collector) =>
      Promise.race([collector(), new Promise<void>((resolve) => setTimeout(resolve, timeoutMs).unref())]).catch(() => undefined),
    ),
  );
  return metricsRegistry.metrics();
}

// Rate limiting of the HTTP API (shared across instances through Redis).
export const httpRateLimited = new Counter({
  name: 'http_rate_limited_total',
  help: 'HTTP requests refused with 429 because their client exceeded its rate limit.',
  registers,
});
export const rateLimitStoreErrors = new Counter({
  name: 'rate_limit_store_errors_total',
  help: 'Rate-limit checks that could not reach Redis, by what was done (allowed with RATE_LIMIT_ON_STORE_ERROR=allow, refused with refuse).',
  labelNames: ['action'] as const,
  registers,
});
