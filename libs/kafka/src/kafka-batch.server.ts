import {
  applyDecorators,
  Catch,
  Controller,
  Injectable,
  Logger,
  UseFilters,
  type BeforeApplicationShutdown,
  type INestApplicationContext,
  type RpcExceptionFilter,
} from '@nestjs/common';
import { BaseRpcContext, Server, type CustomTransportStrategy, type MessageHandler } from '@nestjs/microservices';
import { context as otelContext } from '@opentelemetry/api';
import type { Topic } from '@talent/contracts';
import type { Kafka } from 'kafkajs';
import { lastValueFrom, throwError, type Observable } from 'rxjs';
import { EventInbox, RejectedMessageError, type ConsumedEvent, type EventAuthoriser, type InboxMessage } from './event-inbox';
import { GroupConsumer, type Assignment } from './group-consumer';
import { KAFKA_CLIENT, KAFKA_MODULE_OPTIONS, type KafkaModuleOptions } from './kafka.options';

/** The transport's id, for `@EventPattern(topic, KAFKA_BATCH_TRANSPORT)` should a service run another transport too. */
export const KAFKA_BATCH_TRANSPORT = Symbol('KafkaBatchTransport');

/**
 * One consumed topic: `name` is the contract topic `topic` itself or one whose messages follow its
 * schema (an ingest principal's own ingest topic), `authorise` what may arrive there. Its events go
 * to the `@EventPattern(topic)` handler.
 */
export interface KafkaSubscription<T extends Topic = Topic> {
  name: string;
  topic: T;
  authorise?: EventAuthoriser<T>;
}

export type AnyKafkaSubscription = { [T in Topic]: KafkaSubscription<T> }[Topic];

/** One consumer of the transport: a consumer group and the topics it reads. */
export interface KafkaConsumerGroup {
  /** The topics read; a contract topic alone stands for itself (`{ name: topic, topic }`). */
  subscriptions: ReadonlyArray<Topic | AnyKafkaSubscription>;
  /**
   * Unset: the service's consumer group (its partitions shared out among the instances). Set: a
   * group of this instance's own, `<group id>.<label>.<instance>`, so every instance reads every
   * message (a global table). Its lag is not reported (`ConsumerLagCollector` watches the
   * service's group).
   */
  ownGroup?: { label: string; instance: string };
  /**
   * Each message alone (kafkajs `eachMessage`, traced by the kafkajs instrumentation's `process`
   * span) instead of runs of a fetch: the handler still receives an array, of one event.
   */
  oneAtATime?: boolean;
  /** The largest run given to a handler (default `DEFAULT_MAX_BATCH_SIZE`). */
  maxBatchSize?: number;
}

export interface KafkaBatchServerOptions {
  kafka: Kafka;
  inbox: EventInbox;
  /** The service's consumer group: `KafkaModuleOptions.groupId`, the one the inbox and the lag report name. */
  groupId: string;
  consumers: readonly KafkaConsumerGroup[];
}

/** What a handler gets as `@Ctx()`: where the run came from. */
export class KafkaBatchContext extends BaseRpcContext<[topic: string, partition: number, messages: readonly InboxMessage[], groupId: string]> {
  /** The topic read (a contract topic, or one following its schema). */
  getTopic(): string {
    return this.args[0];
  }

  getPartition(): number {
    return this.args[1];
  }

  /** The run's messages as they arrived, valid or not. */
  getMessages(): readonly InboxMessage[] {
    return this.args[2];
  }

  getGroupId(): string {
    return this.args[3];
  }
}

/** The pattern of the handler that forgets a key a tombstone on `topic` was published for (`@Payload()`: the key). */
export function tombstonesOf(topic: Topic): string {
  return `${topic}#tombstones`;
}

/**
 * The pattern of the handler called after every (re)balance of the service's group with the
 * partitions of `topic` this instance now owns (`@Payload()`: the partitions, sorted), before any
 * message of them is handled: the place to load the state of a shard. A rejection (the database
 * away) is tried again before the next message.
 */
export function assignmentOf(topic: Topic): string {
  return `${topic}#assignment`;
}

/**
 * Hands a handler's failure to the transport as it was thrown (Nest's default turns it into an
 * "Internal server error" object): the inbox needs it to tell a database outage (waited for)
 * from a failing handler (retried, then dead-lettered with its message).
 */
@Catch()
export class ConsumerErrorPassThrough implements RpcExceptionFilter {
  catch(exception: unknown): Observable<never> {
    return throwError(() => exception);
  }
}

/**
 * Marks a class whose `@EventPattern` methods consume through `KafkaBatchServer` (a controller, as
 * Nest wants of message handlers, with errors passed to the transport as thrown).
 */
export const KafkaConsumer = (): ClassDecorator => applyDecorators(Controller(), UseFilters(ConsumerErrorPassThrough));

/**
 * The services' NestJS transport: kafkajs `eachBatch` through `GroupConsumer`s, each run of one
 * topic-partition (up to 500 messages of a fetch) validated by the `EventInbox` and its valid events
 * handed together to the `@EventPattern(topic)` handler, which answers per event: undefined when
 * applied, else the reason it is refused (dead-lettered alone as `rejected`); no array means all
 * applied. Invalid and forbidden messages are dead-lettered with their reason, each message is
 * traced by a `process` span parented to its producer's span, offsets are resolved as messages are
 * done and committed after each run; a failing run is applied one event at a time with retries,
 * and a database outage is waited for (see `EventInbox.dispatchBatch`).
 *
 * `close()` (called before HTTP and the application's shutdown hooks, see `KafkaConsumers`)
 * finishes the run in hand and commits, so the publisher and the outbox relay close after the last
 * run.
 */
export class KafkaBatchServer extends Server implements CustomTransportStrategy {
  override readonly transportId = KAFKA_BATCH_TRANSPORT;
  private readonly log = new Logger(KafkaBatchServer.name);
  private consumers: GroupConsumer[] = [];
  private closing: Promise<void> | undefined;

  constructor(private readonly options: KafkaBatchServerOptions) {
    super();
  }

  /**
   * The transport of an application that imports `KafkaModule`: its client, inbox and group id,
   * stopped (the run in hand finished and committed) before the application closes anything else.
   */
  static forApp(app: INestApplicationContext, consumers: readonly KafkaConsumerGroup[]): KafkaBatchServer {
    const server = new KafkaBatchServer({
      kafka: app.get<Kafka>(KAFKA_CLIENT),
      inbox: app.get(EventInbox),
      groupId: app.get<KafkaModuleOptions>(KAFKA_MODULE_OPTIONS).groupId,
      consumers,
    });
    app.get(KafkaConsumers).register(server);
    return server;
  }

  /** The names of the topics consumed (to be created before they are read). */
  get topics(): string[] {
    return consumedTopics(this.options.consumers);
  }

  /** The topics read by the service's own group, whose lag it reports. */
  get sharedGroupTopics(): string[] {
    return consumedTopics(this.options.consumers.filter((consumer) => consumer.ownGroup === undefined));
  }

  /** The group ids of the consumers, in order. */
  get groupIds(): string[] {
    return this.options.consumers.map((consumer) => this.groupIdOf(consumer));
  }

  async listen(callback: (error?: unknown) => void): Promise<void> {
    // Stopped before it started (a signal during start-up): nothing to start.
    if (this.closing) return callback();
    try {
      this.consumers = this.options.consumers.map((consumer) => this.createConsumer(consumer));
      await Promise.all(this.consumers.map((consumer) => consumer.start()));
    } catch (error) {
      callback(error);
      return;
    }
    callback();
  }

  /** Stops consuming: the run in hand finishes and its offsets are committed. Safe to call again. */
  close(): Promise<void> {
    this.closing ??= Promise.all(this.consumers.map((consumer) => consumer.stop())).then(() => undefined);
    return this.closing;
  }

  on(): never {
    throw new Error('KafkaBatchServer has no events to listen to');
  }

  /** The kafkajs consumers' owners, one per consumer group. */
  unwrap<T>(): T {
    return this.consumers as T;
  }

  private groupIdOf(consumer: KafkaConsumerGroup): string {
    return consumer.ownGroup ? `${this.options.groupId}.${consumer.ownGroup.label}.${consumer.ownGroup.instance}` : this.options.groupId;
  }

  private createConsumer(options: KafkaConsumerGroup): GroupConsumer {
    const groupId = this.groupIdOf(options);
    const subscriptions = new Map(options.subscriptions.map((entry) => subscriptionOf(entry)).map((subscription) => [subscription.name, subscription]));
    for (const { name, topic, authorise } of subscriptions.values()) {
      if (options.oneAtATime && authorise) throw new Error(`${name}: an authorised subscription is consumed in runs, not one at a time`);
      const handler = this.getHandlerByPattern(topic);
      if (!handler) throw new Error(`no @EventPattern('${topic}') handler for ${name}`);
      if (handler.next) throw new Error(`more than one @EventPattern('${topic}') handler`);
    }
    const assignments = [...new Set([...subscriptions.values()].map(({ topic }) => topic))].flatMap((topic) => {
      const handler = this.getHandlerByPattern(assignmentOf(topic));
      return handler ? [{ topic, handler }] : [];
    });
    const { inbox } = this.options;
    const onAssignment =
      assignments.length === 0
        ? undefined
        : async (assignment: Assignment) => {
            for (const { topic, handler } of assignments) {
              const partitions = [...subscriptions.values()].filter((subscription) => subscription.topic === topic).flatMap(({ name }) => assignment[name] ?? []);
              await this.invoke(handler, partitions, new KafkaBatchContext([topic, -1, [], groupId]));
            }
          };
    const subscriptionFor = (messages: readonly InboxMessage[]) => subscriptions.get(messages[0]!.topic)!;
    const withGroup = (message: InboxMessage): InboxMessage => ({ ...message, groupId });
    if (options.oneAtATime) {
      return new GroupConsumer({
        kafka: this.options.kafka,
        groupId,
        topics: [...subscriptions.keys()],
        onAssignment,
        handle: (received) => {
          const message = withGroup(received);
          const { topic } = subscriptionFor([message]);
          const ctx = new KafkaBatchContext([message.topic, message.partition, [message], groupId]);
          return inbox.dispatch(
            topic,
            message.message.value,
            message,
            async (event) => {
              const [rejection] = await this.handleRun(topic, [{ event, context: otelContext.active() }], ctx);
              if (rejection !== undefined) throw new RejectedMessageError(rejection);
            },
          );
        },
      });
    }
    return new GroupConsumer({
      kafka: this.options.kafka,
      groupId,
      topics: [...subscriptions.keys()],
      onAssignment,
      maxBatchSize: options.maxBatchSize,
      handleBatch: (received, handled) => {
        const messages = received.map(withGroup);
        const { topic, authorise } = subscriptionFor(messages);
        const ctx = new KafkaBatchContext([messages[0]!.topic, messages[0]!.partition, messages, groupId]);
        const tombstones = this.getHandlerByPattern(tombstonesOf(topic));
        return inbox.dispatchBatch(
          topic,
          messages,
          (events) => this.handleRun(topic, events, ctx),
          handled,
          tombstones ? (key) => this.invoke(tombstones, key, ctx).then(() => undefined) : undefined,
          authorise,
        );
      },
    });
  }

  /** Calls the topic's handler with a run of valid events; its answer, one entry per event. */
  private async handleRun<T extends Topic>(topic: T, events: ReadonlyArray<ConsumedEvent<T>>, ctx: KafkaBatchContext): Promise<ReadonlyArray<string | undefined>> {
    const answer = await this.invoke(this.getHandlerByPattern(topic)!, events, ctx);
    if (answer === undefined || answer === null) return events.map(() => undefined);
    if (!Array.isArray(answer) || answer.length !== events.length) {
      throw new Error(`the @EventPattern('${topic}') handler answered ${Array.isArray(answer) ? `${answer.length} outcomes` : typeof answer} for ${events.length} events`);
    }
    return answer as ReadonlyArray<string | undefined>;
  }

  /** Runs a handler through Nest (pipes, guards, interceptors, filters) and waits for its result. */
  private async invoke(handler: MessageHandler, data: unknown, ctx: KafkaBatchContext): Promise<unknown> {
    try {
      return await lastValueFrom(this.transformToObservable(await handler(data, ctx)), { defaultValue: undefined });
    } catch (error) {
      if (error instanceof Error) throw error;
      // Nest's default filter answers `{ status, message }`: the handler lacks `@KafkaConsumer()`.
      this.log.error(`a consumer handler failed without its error (is its class decorated @KafkaConsumer()?): ${JSON.stringify(error)}`);
      throw new Error(`handler failed: ${JSON.stringify(error)}`);
    }
  }
}

/** The names of the topics these consumers read. */
export function consumedTopics(consumers: readonly KafkaConsumerGroup[]): string[] {
  return consumers.flatMap((consumer) => consumer.subscriptions.map((subscription) => subscriptionOf(subscription).name));
}

function subscriptionOf(entry: Topic | AnyKafkaSubscription): KafkaSubscription {
  return typeof entry === 'string' ? { name: entry, topic: entry } : entry;
}

/**
 * The application's `KafkaBatchServer`s, stopped before anything else closes (on `app.close()` and
 * on a signal alike): the run in hand finishes and is committed while HTTP, the publisher, the
 * outbox relay and the database are still there. Nest itself closes a hybrid application's
 * transports after HTTP, whose close waits for open connections (event streams), and consumption
 * would go on meanwhile.
 */
@Injectable()
export class KafkaConsumers implements BeforeApplicationShutdown {
  private readonly servers: KafkaBatchServer[] = [];
  private readonly closingListeners: Array<() => void> = [];
  private closing = false;

  register(server: KafkaBatchServer): void {
    this.servers.push(server);
  }

  /**
   * Called once when the consumers start closing, before the run in hand is waited for: a handler
   * doing long work it can leave to the next owner (the matcher's shard reload) stops early.
   */
  onClosing(listener: () => void): void {
    if (this.closing) listener();
    else this.closingListeners.push(listener);
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.closing = true;
    for (const listener of this.closingListeners.splice(0)) listener();
    await Promise.all(this.servers.map((server) => server.close()));
  }
}
