import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { ApiZodBody, Organisation, Scopes, ZodBodyPipe } from '@talent/service-kit';
import { ROTATION_GRACE_SECONDS, WebhookSecretsService, type RotatedSecret } from './webhook-secrets.service';

export const rotateSecretSchema = z.strictObject({
  /** How long the previous secret keeps signing alongside the new one (seconds; default a day, at most a week). */
  gracePeriodSeconds: z.number().int().min(0).max(ROTATION_GRACE_SECONDS.max).default(ROTATION_GRACE_SECONDS.default),
});

@ApiTags('webhook endpoints')
@Controller('webhook-endpoints')
export class WebhookSecretsController {
  constructor(private readonly secrets: WebhookSecretsService) {}

  @Post(':id/rotate-secret')
  @HttpCode(200)
  @Scopes('subscriptions:write')
  @ApiOperation({
    summary: 'Rotate an endpoint’s signing secret',
    description:
      'Returns a new secret (shown once). Until `previousSecretExpiresAt` (`gracePeriodSeconds`, default 86400, at most 604800) each call carries two signatures in `webhook-signature`, one with the new secret and one with the previous, so the receiver can switch over without missing a call.',
  })
  @ApiZodBody(rotateSecretSchema)
  rotate(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body(new ZodBodyPipe(rotateSecretSchema)) body: z.infer<typeof rotateSecretSchema>,
    @Organisation() organisation: string | undefined,
  ): Promise<RotatedSecret> {
    return this.secrets.rotate(id, body.gracePeriodSeconds, organisation);
  }
}
