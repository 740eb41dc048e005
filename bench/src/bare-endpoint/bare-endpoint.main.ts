import 'reflect-metadata';
import { Body, Controller, Get, HttpCode, Module, Post } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { randomUUID } from 'node:crypto';

/**
 * The HTTP ingest baseline: a bare NestJS 11 application on Express with a `POST /candidates`
 * that answers 201 with the body and a new id — no validation, database, outbox, logging or
 * tracing. What the framework alone costs per request on this machine.
 */
@Controller()
class BareController {
  @Post('candidates')
  @HttpCode(201)
  create(@Body() body: Record<string, unknown>): Record<string, unknown> {
    return { id: randomUUID(), ...body };
  }

  /** So the bench waits for it as for any service. */
  @Get('health/ready')
  ready(): { status: string } {
    return { status: 'ok' };
  }
}

@Module({ controllers: [BareController] })
class BareModule {}

async function main(): Promise<void> {
  const app = await NestFactory.create(BareModule, { logger: false });
  app.enableShutdownHooks();
  await app.listen(Number(process.env.PORT ?? 3999), process.env.HOST ?? '127.0.0.1');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
