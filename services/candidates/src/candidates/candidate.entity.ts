import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { CandidateSkill, Location } from '@talent/contracts';

export interface CandidateContact {
  email?: string;
  phone?: string;
}

@Entity({ name: 'candidates' })
export class CandidateEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  /** The talent pool the candidate belongs to. */
  @Column({ name: 'organisation_id', type: 'text' })
  organisationId!: string;

  /** The publishing pipeline's own id; `(organisation_id, external_id)` is unique. */
  @Column({ name: 'external_id', type: 'text', nullable: true })
  externalId!: string | null;

  /** Personal data: stays in this service, never in events, logs or spans. */
  @Column({ type: 'text' })
  name!: string;

  /** Personal data, like `name`. */
  @Column({ type: 'jsonb', nullable: true })
  contact!: CandidateContact | null;

  @Column({ type: 'jsonb', nullable: true })
  location!: Location | null;

  @Column({ name: 'workplace_preference', type: 'text', nullable: true })
  workplacePreference!: 'on-site' | 'hybrid' | 'remote' | 'any' | null;

  /** Will move for an on-site or hybrid role elsewhere; null when not said. */
  @Column({ name: 'willing_to_relocate', type: 'boolean', nullable: true })
  willingToRelocate!: boolean | null;

  /** Agreed to be matched with other organisations' public postings (default: not). */
  @Column({ name: 'open_to_public_postings', type: 'boolean', default: false })
  openToPublicPostings!: boolean;

  @Column({ name: 'total_years_experience', type: 'double precision', nullable: true })
  totalYearsExperience!: number | null;

  @Column({ type: 'jsonb' })
  skills!: CandidateSkill[];

  /** Lower-cased skill names for filtering lists. */
  @Column({ name: 'skill_keys', type: 'text', array: true })
  skillKeys!: string[];

  @Column({ type: 'text' })
  status!: 'active' | 'withdrawn';

  /** Increases with every change; consumers use it to ignore stale events. */
  @Column({ type: 'integer' })
  version!: number;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
