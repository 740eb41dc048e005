import { Injectable, type BeforeApplicationShutdown } from '@nestjs/common';

/**
 * Where the service is in its life, for the readiness probe: consumers are started only once the
 * database and the broker answer, and on shutdown the service reports not ready at once (so no
 * new work is routed to it) while in-flight messages drain.
 */
@Injectable()
export class ServiceLifecycle implements BeforeApplicationShutdown {
  consumersExpected = false;
  consumersRunning = false;
  draining = false;

  beforeApplicationShutdown(): void {
    this.draining = true;
  }
}
