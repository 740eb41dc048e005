import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { ApplicantLocation, ExperienceRange, Location, MatchingOptions, PostingExtraction, SkillRequirement } from '@talent/contracts';

@Entity({ name: 'postings' })
export class PostingEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ name: 'organisation_id', type: 'text' })
  organisationId!: string;

  /** The publishing pipeline's own id; `(organisation_id, external_id)` is unique. */
  @Column({ name: 'external_id', type: 'text', nullable: true })
  externalId!: string | null;

  @Column({ type: 'text' })
  title!: string;

  @Column({ type: 'text', nullable: true })
  description!: string | null;

  @Column({ type: 'jsonb', nullable: true })
  location!: Location | null;

  @Column({ type: 'text', nullable: true })
  workplace!: 'on-site' | 'hybrid' | 'remote' | null;

  /** Where applicants must be (countries, time zones, the same metro area), passed on to the matcher. */
  @Column({ name: 'applicant_location', type: 'jsonb', nullable: true })
  applicantLocation!: ApplicantLocation | null;

  @Column({ name: 'employment_type', type: 'text', nullable: true })
  employmentType!: 'full-time' | 'part-time' | 'contract' | 'temporary' | 'internship' | null;

  @Column({ name: 'experience_years', type: 'jsonb', nullable: true })
  experienceYears!: ExperienceRange | null;

  @Column({ name: 'required_skills', type: 'jsonb' })
  requiredSkills!: SkillRequirement[];

  @Column({ name: 'preferred_skills', type: 'jsonb' })
  preferredSkills!: string[];

  /** Per-posting scoring options (near misses, weights), passed on to the matcher. */
  @Column({ type: 'jsonb', nullable: true })
  matching!: MatchingOptions | null;

  /** For a posting read from free text: each requirement with its evidence and confidence. */
  @Column({ type: 'jsonb', nullable: true })
  extraction!: PostingExtraction | null;

  /** `public`: matched with every organisation's candidates, not only the organisation's own. */
  @Column({ type: 'text' })
  visibility!: 'organisation' | 'public';

  /** Lower-cased skills (required, any-of members and preferred) for filtering lists. */
  @Column({ name: 'skill_keys', type: 'text', array: true })
  skillKeys!: string[];

  @Column({ type: 'text' })
  status!: 'open' | 'closed';

  /** Increases with every change; consumers use it to ignore stale events. */
  @Column({ type: 'integer' })
  version!: number;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
