import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { Client, type Notification } from 'pg';
import type { NotifierEnv } from '../config';
import { NOTIFIER_ENV } from '../notifier.providers';
import type { NotificationView } from '../notifications/notification-view';
import { INBOX_CHANNEL, NotificationsService } from '../notifications/notifications.service';

type Listener = (notification: NotificationView) => void;

/**
 * Fans inbox notifications out to the open streams of this instance. The consumer announces each
 * one with `pg_notify` inside its transaction, so PostgreSQL tells every instance — whichever holds
 * the recruiter's stream — and only once the notification is committed.
 */
@Injectable()
export class InboxHub implements OnModuleInit, BeforeApplicationShutdown, OnApplicationShutdown {
  private readonly logger = new Logger(InboxHub.name);
  private readonly listeners = new Map<string, Set<Listener>>();
  /** Ends the open streams: the HTTP server cannot close while they last. */
  private readonly closers = new Set<() => void>();
  /** Open streams per caller on this instance. */
  private readonly streamsByCaller = new Map<string, number>();
  private client: Client | undefined;
  private stopped = false;
  private reconnect: NodeJS.Timeout | undefined;

  constructor(
    @Inject(NOTIFIER_ENV) private readonly env: NotifierEnv,
    private readonly notifications: NotificationsService,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.listen();
  }

  beforeApplicationShutdown(): void {
    for (const close of this.closers) close();
    this.closers.clear();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.reconnect);
    await this.client?.end().catch(() => undefined);
  }

  /**
   * Counts a caller's open streams: the release function, or `undefined` when the caller holds
   * `INBOX_MAX_STREAMS_PER_PRINCIPAL` already (a leaked or hostile client cannot pile them up).
   */
  claimStream(caller: string): (() => void) | undefined {
    const open = this.streamsByCaller.get(caller) ?? 0;
    if (open >= this.env.INBOX_MAX_STREAMS_PER_PRINCIPAL) return undefined;
    this.streamsByCaller.set(caller, open + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const left = (this.streamsByCaller.get(caller) ?? 1) - 1;
      if (left > 0) this.streamsByCaller.set(caller, left);
      else this.streamsByCaller.delete(caller);
    };
  }

  /** Registers a stream; `close` ends it at shutdown. Returns the unsubscribe function. */
  subscribe(recruiterId: string, listener: Listener, close: () => void): () => void {
    const set = this.listeners.get(recruiterId) ?? new Set<Listener>();
    set.add(listener);
    this.listeners.set(recruiterId, set);
    this.closers.add(close);
    return () => {
      this.closers.delete(close);
      set.delete(listener);
      if (set.size === 0) this.listeners.delete(recruiterId);
    };
  }

  private async listen(): Promise<void> {
    const client = new Client({ connectionString: this.env.DATABASE_URL, application_name: 'notifier-inbox' });
    client.on('notification', (message) => void this.onNotification(message));
    client.on('error', (error) => {
      this.logger.warn(`inbox listener lost its connection: ${error.message}`);
      this.scheduleReconnect();
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${INBOX_CHANNEL}`);
      this.client = client;
    } catch (error) {
      this.logger.warn(`inbox listener cannot connect: ${(error as Error).message}`);
      await client.end().catch(() => undefined);
      this.scheduleReconnect();
    }
  }

  private scheduleReconnect(): void {
    if (this.stopped || this.reconnect) return;
    const old = this.client;
    this.client = undefined;
    void old?.end().catch(() => undefined);
    this.reconnect = setTimeout(() => {
      this.reconnect = undefined;
      void this.listen();
    }, 1_000);
  }

  private async onNotification(message: Notification): Promise<void> {
    try {
      const { recruiterId, notificationId } = JSON.parse(message.payload ?? '{}') as { recruiterId?: string; notificationId?: string };
      const listeners = recruiterId ? this.listeners.get(recruiterId) : undefined;
      if (!listeners || listeners.size === 0 || !notificationId) return;
      const view = await this.notifications.get(notificationId);
      if (!view) return;
      for (const listener of listeners) listener(view);
    } catch (error) {
      this.logger.warn(`inbox notification not delivered: ${(error as Error).message}`);
    }
  }
}
