import { Body, Controller, HttpCode, Module, Post, Req, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { Request } from 'express';
import { z } from 'zod';
import { applyHttpDefences } from './http-defences';
import { NdjsonUpload, readNdjsonUpload } from './ndjson-upload';
import { ProblemDetailsFilter } from './problem-details.filter';

@Controller('things')
class ThingsController {
  @Post()
  @HttpCode(200)
  create(@Body() body: unknown): unknown {
    return { received: body };
  }

  @Post('bulk')
  @HttpCode(200)
  @NdjsonUpload()
  async bulk(@Req() request: Request): Promise<unknown> {
    return { lines: (await readNdjsonUpload(request, z.object({ name: z.string() }), undefined)).length };
  }
}

@Module({ controllers: [ThingsController] })
class ThingsModule {}

describe('HTTP defences every service applies', () => {
  let app: INestApplication;
  let baseUrl: string;

  beforeAll(async () => {
    app = await NestFactory.create(ThingsModule, { logger: false });
    applyHttpDefences(app);
    app.useGlobalFilters(new ProblemDetailsFilter());
    await app.listen(0, '127.0.0.1');
    baseUrl = await app.getUrl();
  });

  afterAll(() => app?.close());

  const post = (path: string, type: string, body: Buffer | string) => fetch(`${baseUrl}${path}`, { method: 'POST', headers: { 'content-type': type }, body });
  const problem = async (response: Response) => ({ status: response.status, answerType: response.headers.get('content-type'), problem: (await response.json()) as { status: number; detail: string } });

  it('answers JSON declared in another charset than UTF-8 with 415, whether or not the bytes decode', async () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('{"name":"Ada"}', 'utf16le')]);
    for (const [type, body] of [
      ['application/json; charset=utf-16', utf16],
      ['application/json; charset=UTF-16LE', Buffer.from('{"name":"Ada"}', 'utf16le')],
      ['application/json; charset="utf-16"', Buffer.from('{"name":"Ada"}')],
      ['application/json;charset=iso-8859-1', Buffer.from('{"name":"Ada"}')],
    ] as const) {
      const answer = await problem(await post('/things', type, body));
      expect({ type, ...answer }).toMatchObject({ type, status: 415, problem: { status: 415, detail: expect.stringMatching(/UTF-8/) as unknown } });
      expect(answer.answerType).toMatch(/^application\/problem\+json/);
    }
  });

  it('reads JSON declared as UTF-8, or with no charset', async () => {
    for (const type of ['application/json', 'application/json; charset=utf-8', 'application/json; charset=UTF-8']) {
      const response = await post('/things', type, '{"name":"Ada"}');
      expect({ type, status: response.status, text: await response.clone().text() }).toMatchObject({ type, status: 200 });
      expect(await response.json()).toEqual({ received: { name: 'Ada' } });
    }
  });

  it('answers an upload sent as JSON (or anything but NDJSON) with 415 before a parser reads it', async () => {
    const lines = '{"name":"Ada"}\n{"name":"Grace"}\n';
    for (const [type, body] of [
      ['application/json', lines],
      ['application/json', '{"name":"Ada"}'],
      ['text/plain', lines],
      ['application/x-www-form-urlencoded', 'name=Ada'],
    ] as const) {
      const answer = await problem(await post('/things/bulk', type, body));
      expect({ type, body, ...answer }).toMatchObject({ type, body, status: 415, problem: { status: 415, detail: expect.stringMatching(/application\/x-ndjson/) as unknown } });
    }
    const accepted = await post('/things/bulk', 'application/x-ndjson', lines);
    expect(accepted.status).toBe(200);
    expect(await accepted.json()).toEqual({ lines: 2 });
  });

  it('sends nosniff, refuses framing, has a CSP and does not name its framework', async () => {
    const response = await post('/things', 'application/json', '{}');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('x-frame-options')).toBe('DENY');
    expect(response.headers.get('content-security-policy')).toMatch(/frame-ancestors 'none'/);
    expect(response.headers.get('content-security-policy')).not.toMatch(/upgrade-insecure-requests/);
    expect(response.headers.get('x-powered-by')).toBeNull();
  });
});
