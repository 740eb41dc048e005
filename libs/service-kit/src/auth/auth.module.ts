import { Logger, Module, type DynamicModule } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import type { AuthOptions } from './auth-config';
import { AuthGuard, TOKEN_VERIFIER } from './auth.guard';
import { createTokenVerifier } from './token-verifier';

/** What every start with authentication off logs: it is never the quiet default. */
export const AUTH_OFF_WARNING =
  'AUTH_MODE=off: every request is served without a token and acts for the organisation it names; use AUTH_MODE=jwt wherever the port can be reached by others';

/** Registers the global {@link AuthGuard}; with `mode: 'off'` it lets every request through (and says so at start). */
@Module({})
export class AuthModule {
  static forRoot(options: AuthOptions): DynamicModule {
    return {
      module: AuthModule,
      providers: [
        {
          provide: TOKEN_VERIFIER,
          useFactory: () => {
            if (options.mode === 'jwt') return createTokenVerifier(options);
            new Logger('AuthModule').warn(AUTH_OFF_WARNING);
            return null;
          },
        },
        { provide: APP_GUARD, useClass: AuthGuard },
      ],
    };
  }
}
