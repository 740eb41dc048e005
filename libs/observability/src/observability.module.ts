import { Module, type DynamicModule } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { createLogger, isQuietPath, serializeRequest, serializeResponse, type LogIdentity } from './logger-options';
import { MetricsController } from './metrics.controller';
import { metricsRegistry } from './metrics';

/**
 * Logs (nestjs-pino: JSON lines with service, version, trace and span ids; one line per request,
 * probes and scrapes excepted) and the `/metrics` endpoint. Use the module's logger for the whole
 * application with `app.useLogger(app.get(Logger))` (`Logger` from nestjs-pino).
 */
@Module({})
export class ObservabilityModule {
  static forRoot(identity: LogIdentity): DynamicModule {
    metricsRegistry.setDefaultLabels({ service: identity.service });
    return {
      module: ObservabilityModule,
      imports: [
        LoggerModule.forRoot({
          pinoHttp: {
            logger: createLogger(identity),
            autoLogging: { ignore: (request) => isQuietPath(request.url) },
            serializers: { req: serializeRequest, res: serializeResponse },
            // 503 is a deliberate, retryable refusal (a dependency away: Retry-After), not a failure of the request's code.
            customLogLevel: (_request, response, error) =>
              response.statusCode === 503 ? 'warn' : error || response.statusCode >= 500 ? 'error' : response.statusCode >= 400 ? 'warn' : 'info',
          },
        }),
      ],
      controllers: [MetricsController],
    };
  }
}
