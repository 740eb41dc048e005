import { ForbiddenException } from '@nestjs/common';
import type { Request } from 'express';
import { callerHolds } from '@talent/service-kit';

/**
 * Publishing a posting as `public` matches it with other organisations' candidates (those who opted
 * in), so it is a right of its own: `postings:write` alone publishes within the organisation.
 */
export const PUBLISH_PUBLIC_SCOPE = 'postings:publish-public';

/** Why the caller may not give this visibility, or undefined when it may. */
export function visibilityRefusal(request: Request, visibility: unknown): string | undefined {
  if (visibility !== 'public' || callerHolds(request, PUBLISH_PUBLIC_SCOPE)) return undefined;
  return `publishing a posting as public needs the scope ${PUBLISH_PUBLIC_SCOPE}`;
}

/** Refuses (403, with an `insufficient_scope` challenge) a public posting from a caller without the scope. */
export function assertMayPublishAs(request: Request, visibility: unknown): void {
  const refusal = visibilityRefusal(request, visibility);
  if (refusal === undefined) return;
  request.res?.setHeader('WWW-Authenticate', `Bearer error="insufficient_scope", scope="${PUBLISH_PUBLIC_SCOPE}"`);
  throw new ForbiddenException(refusal);
}
