import { Module, type DynamicModule } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import type { RateLimitOptions } from './rate-limit-config';
import { RATE_LIMIT_OPTIONS, RATE_LIMITER, RateLimitInterceptor } from './rate-limit.interceptor';
import { RedisRateLimiter } from './redis-rate-limiter';

/** Registers the global {@link RateLimitInterceptor} over a Redis-backed limiter. */
@Module({})
export class RateLimitModule {
  static forRoot(options: RateLimitOptions): DynamicModule {
    return {
      module: RateLimitModule,
      providers: [
        { provide: RATE_LIMIT_OPTIONS, useValue: options },
        { provide: RATE_LIMITER, useFactory: () => new RedisRateLimiter(options) },
        { provide: APP_INTERCEPTOR, useClass: RateLimitInterceptor },
      ],
    };
  }
}
