import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';

/** The limits every operation shares; those of each field are in its schema. */
export const REQUEST_LIMITS_DESCRIPTION =
  '**Limits.** Request line and headers: 16 KiB (else 431). JSON bodies: 100 KiB after decompression (else 413). ' +
  'JSON is UTF-8: a declared `charset` other than `utf-8` is refused (415), as is an NDJSON upload sent as another type. ' +
  'Text anywhere (body, query, member names) must not hold a NUL character or an unpaired UTF-16 surrogate (400); ' +
  'single-line fields (names, titles, ids, skills, places) no control character such as CR, LF or tab (400). ' +
  'Path ids are UUIDs (400). Every refusal is an RFC 9457 problem document naming the field; nothing refused is stored. ' +
  'While the database is unavailable the answer is 503 (`urn:problem-type:database-unavailable`) with `Retry-After`: send the request again.';

/** Serves the service's OpenAPI document at `/openapi.json` and a browsable UI at `/docs`. */
export function serveOpenApi(app: INestApplication, info: { title: string; description: string }): void {
  const config = new DocumentBuilder()
    .setTitle(info.title)
    .setDescription(`${info.description}\n\n${REQUEST_LIMITS_DESCRIPTION}`)
    .setVersion(process.env.npm_package_version ?? '0.1.0')
    .build();
  const document = SwaggerModule.createDocument(app, config);
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'openapi.json' });
}
