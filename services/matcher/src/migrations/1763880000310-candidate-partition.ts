import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The Kafka partition a candidate's events arrive on: a matcher instance loads the candidates of
 * the partitions it is assigned. Candidates stored before this column existed have none and are
 * picked up again by their next event.
 */
export class CandidatePartition1763880000310 implements MigrationInterface {
  name = 'CandidatePartition1763880000310';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE matcher_candidates ADD COLUMN kafka_partition integer');
    await queryRunner.query('CREATE INDEX matcher_candidates_partition ON matcher_candidates (kafka_partition) WHERE status = \'active\'');
    await queryRunner.query('CREATE INDEX matches_posting_score ON matches (posting_id, score DESC, candidate_id) WHERE status = \'active\'');
    await queryRunner.query('CREATE INDEX matches_candidate_score ON matches (candidate_id, score DESC, posting_id) WHERE status = \'active\'');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX matches_candidate_score');
    await queryRunner.query('DROP INDEX matches_posting_score');
    await queryRunner.query('DROP INDEX matcher_candidates_partition');
    await queryRunner.query('ALTER TABLE matcher_candidates DROP COLUMN kafka_partition');
  }
}
