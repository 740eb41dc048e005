import { Module, type DynamicModule } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import type { AuthOptions } from './auth-config';
import { AuthGuard, TOKEN_VERIFIER } from './auth.guard';
import { createTokenVerifier } from './token-verifier';

/** Registers the global {@link AuthGuard}; with `mode: 'off'` it lets every request through. */
@Module({})
export class AuthModule {
  static forRoot(options: AuthOptions): DynamicModule {
    return {
      module: AuthModule,
      providers: [
        { provide: TOKEN_VERIFIER, useFactory: () => (options.mode === 'jwt' ? createTokenVerifier(options) : null) },
        { provide: APP_GUARD, useClass: AuthGuard },
      ],
    };
  }
}
