import { RequestMethod, UnsupportedMediaTypeException, type INestApplication } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { ModulesContainer } from '@nestjs/core';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import helmet from 'helmet';
import { NDJSON_CONTENT_TYPE, NDJSON_UPLOAD } from './ndjson-upload';

/**
 * What every service puts in front of its routes: security headers on every answer, and media
 * types refused before Nest's body parsers (which it adds as it starts) read a body wrongly. Call
 * before `listen()`/`init()`.
 */
export function applyHttpDefences(app: INestApplication, ...observers: Array<Parameters<INestApplication['use']>[0]>): void {
  app.use(securityHeaders());
  for (const observer of observers) app.use(observer); // after the headers, before refusals: refusals are counted too
  app.use(refuseWrongMediaTypes(ndjsonUploadRoutes(app)));
}

/**
 * Headers for every answer (helmet): `nosniff`, no framing (`X-Frame-Options: DENY` and
 * `frame-ancestors 'none'`), no `X-Powered-By`, no referrer, and helmet's default
 * Content-Security-Policy (own origin only), which the API description at `/docs` works under. A
 * page with a policy of its own (the notifier's inbox) sets it on its route. No
 * `upgrade-insecure-requests`: services are also reached over plain http on loopback, where it
 * would break `/docs`.
 */
export function securityHeaders(): RequestHandler {
  return helmet({
    contentSecurityPolicy: { useDefaults: true, directives: { 'frame-ancestors': ["'none'"], 'upgrade-insecure-requests': null } },
    frameguard: { action: 'deny' },
  }) as RequestHandler;
}

/**
 * Refuses (415) what would otherwise be read wrongly, before the body parsers see it: JSON declared
 * in another charset than UTF-8 (RFC 8259 §8.1: JSON exchanged between systems is UTF-8), and an
 * upload route (`@NdjsonUpload()`) sent anything but NDJSON, which the JSON parser would read and
 * refuse as 400 (or take its first line).
 */
export function refuseWrongMediaTypes(uploadRoutes: ReadonlySet<string>): RequestHandler {
  return (request: Request, _response: Response, next: NextFunction) => {
    const type = request.headers['content-type'];
    if (type === undefined) return next();
    if (uploadRoutes.has(routeKey(request.method, request.path)) && request.is(NDJSON_CONTENT_TYPE) === false) {
      request.resume(); // discard the body so the answer reaches the client
      return next(new UnsupportedMediaTypeException(`send the records as ${NDJSON_CONTENT_TYPE}, one JSON object per line (not ${type.split(';')[0]})`));
    }
    const charset = /;\s*charset\s*=\s*"?([^";\s]*)"?/i.exec(type)?.[1]?.toLowerCase();
    if (charset !== undefined && request.is('json') && charset !== 'utf-8') {
      request.resume();
      return next(new UnsupportedMediaTypeException(`JSON must be encoded as UTF-8, not ${charset}`));
    }
    return next();
  };
}

/**
 * `POST /candidates/bulk` and the like: the routes whose handler is marked `@NdjsonUpload()` (paths
 * without parameters: they are compared with the request's path as they are).
 */
export function ndjsonUploadRoutes(app: INestApplication): Set<string> {
  const routes = new Set<string>();
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as (new (...args: never[]) => unknown) | null;
      if (!controller?.prototype) continue;
      const prefixes = pathsOf(Reflect.getMetadata(PATH_METADATA, controller));
      for (const name of Object.getOwnPropertyNames(controller.prototype)) {
        const handler = (controller.prototype as Record<string, unknown>)[name];
        if (typeof handler !== 'function' || Reflect.getMetadata(NDJSON_UPLOAD, handler) !== true) continue;
        const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod];
        for (const prefix of prefixes) {
          for (const path of pathsOf(Reflect.getMetadata(PATH_METADATA, handler))) routes.add(routeKey(method, `/${prefix}/${path}`));
        }
      }
    }
  }
  return routes;
}

function pathsOf(metadata: unknown): string[] {
  if (Array.isArray(metadata)) return metadata.map(String);
  return [typeof metadata === 'string' ? metadata : ''];
}

function routeKey(method: string, path: string): string {
  return `${method.toUpperCase()} ${path.replace(/\/{2,}/g, '/').replace(/(.)\/$/, '$1')}`;
}
