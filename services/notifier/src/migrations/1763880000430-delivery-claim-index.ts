import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The worker claims each destination's oldest due deliveries. One index over the open deliveries
 * by destination (endpoint, or address), then due time and sequence, lets a claim read just the
 * rows it takes from each destination, instead of ranking every open delivery: under a backlog of
 * thousands to one endpoint a claim cost tens of milliseconds and grew with the backlog. The
 * index by due time alone served only that ranking, and goes.
 */
export class DeliveryClaimIndex1763880000430 implements MigrationInterface {
  name = 'DeliveryClaimIndex1763880000430';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX deliveries_claim ON deliveries ((COALESCE(endpoint_id::text, destination)), next_attempt_at, sequence) WHERE status IN ('pending', 'delivering')`,
    );
    await queryRunner.query('DROP INDEX deliveries_due');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX deliveries_due ON deliveries (next_attempt_at) WHERE status IN ('pending', 'delivering')`);
    await queryRunner.query('DROP INDEX deliveries_claim');
  }
}
