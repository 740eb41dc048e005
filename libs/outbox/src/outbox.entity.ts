import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * An event waiting to be published. Written in the same transaction as the state change it
 * describes, so the two can never disagree; the relay publishes rows in id order.
 */
@Entity({ name: 'outbox' })
@Index('outbox_unpublished', ['id'], { where: 'published_at IS NULL' })
export class OutboxEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ type: 'text' })
  topic!: string;

  /** Kafka key: the aggregate id, so one aggregate's events keep their order. */
  @Column({ name: 'message_key', type: 'text' })
  messageKey!: string;

  @Column({ name: 'event_id', type: 'uuid' })
  eventId!: string;

  @Column({ type: 'jsonb' })
  payload!: unknown;

  /** W3C trace context of the request that caused the event, so the trace survives the outbox hop. */
  @Column({ name: 'trace_context', type: 'jsonb', default: () => "'{}'::jsonb" })
  traceContext!: Record<string, string>;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'published_at', type: 'timestamptz', nullable: true })
  publishedAt!: Date | null;
}
