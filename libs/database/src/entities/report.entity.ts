import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { Point } from 'geojson';
import type { CancelReason, Channel, HandedDown, Priority, ReportStatus, Stage } from '@app/workflow';

export type { Channel, Priority };

/**
 * A citizen field report. Only the reports service writes `status` (through the workflow's decide function);
 * everything else reads.
 */
@Entity('reports')
export class Report {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column() code: string;
  @Column({ type: 'text' }) status: ReportStatus;
  @Column({ name: 'cancel_reason', type: 'text', nullable: true }) cancelReason: CancelReason | null;
  @Column({ name: 'duplicate_of_id', type: 'uuid', nullable: true }) duplicateOfId: string | null;
  @Column({ name: 'category_id', type: 'uuid' }) categoryId: string;
  @Column({ name: 'agency_id', type: 'uuid', nullable: true }) agencyId: string | null;
  /** The officer of the agency its leader delegated the case to (docs/domain.md#delegation). */
  @Column({ name: 'assignee_id', type: 'uuid', nullable: true }) assigneeId: string | null;
  /** While a unit holds the case its parent handed down: who handed it and their deadline (docs/domain.md#passing-a-case-down). */
  @Column({ name: 'handed_down', type: 'jsonb', nullable: true }) handedDown: HandedDown | null;
  @Column({ name: 'suggested_agency_id', type: 'uuid', nullable: true }) suggestedAgencyId: string | null;
  /** The routing rule the suggestion came from, and why it matched (docs/domain.md#routing-rules); null: none. */
  @Column({ name: 'suggestion_rule', type: 'jsonb', nullable: true })
  suggestionRule: { id: string; name: string; reason: string } | null;
  @Column({ type: 'text', default: 'normal' }) priority: Priority;
  @Column({ type: 'text' }) channel: Channel;
  @Column({ type: 'text', nullable: true }) title: string | null;
  @Column() description: string;
  /** Null only when staff filed with a commune and an address instead (docs/domain.md#communes-and-addresses). */
  @Column({ type: 'geography', spatialFeatureType: 'Point', srid: 4326, nullable: true }) location: Point | null;
  @Column({ type: 'text', nullable: true }) address: string | null;
  /** The centre's wording for the public (docs/domain.md#privacy); null: the reporter's words, masked. */
  @Column({ name: 'public_title', type: 'text', nullable: true }) publicTitle: string | null;
  @Column({ name: 'public_description', type: 'text', nullable: true }) publicDescription: string | null;
  @Column({ name: 'commune_code', type: 'text', nullable: true }) communeCode: string | null;
  @Column({ name: 'reporter_id', type: 'uuid', nullable: true }) reporterId: string | null;
  @Column({ name: 'hotline_call_id', type: 'uuid', nullable: true }) hotlineCallId: string | null;
  @Column({ name: 'is_public', default: true }) isPublic: boolean;
  @Column({ name: 'hide_identity', default: false }) hideIdentity: boolean;
  @Column({ name: 'allow_contact', default: true }) allowContact: boolean;
  @Column({ type: 'text', nullable: true }) stage: Stage | null;
  @Column({ name: 'stage_version', default: 0 }) stageVersion: number;
  @Column({ name: 'due_at', type: 'timestamptz', nullable: true }) dueAt: Date | null;
  @Column({ name: 'resolution_due_at', type: 'timestamptz', nullable: true }) resolutionDueAt: Date | null;
  @Column({ name: 'paused_at', type: 'timestamptz', nullable: true }) pausedAt: Date | null;
  @Column({ name: 'paused_from_status', type: 'text', nullable: true }) pausedFromStatus: ReportStatus | null;
  @Column({ name: 'paused_remaining_minutes', type: 'int', nullable: true }) pausedRemainingMinutes: number | null;
  @Column({ name: 'escalation_level', type: 'smallint', default: 0 }) escalationLevel: number;
  @Column({ name: 'reminded_at', type: 'timestamptz', nullable: true }) remindedAt: Date | null;
  /** When the deadline next needs attention: the reminder, then each escalation level (see DeadlinesService). */
  @Column({ name: 'next_check_at', type: 'timestamptz', nullable: true }) nextCheckAt: Date | null;
  /** Once late, counted late forever in statistics, even after resolution. */
  @Column({ name: 'was_overdue', default: false }) wasOverdue: boolean;
  @Column({ name: 'extension_count', type: 'smallint', default: 0 }) extensionCount: number;
  @Column({ name: 'extension_request', type: 'jsonb', nullable: true })
  extensionRequest: { workingDays: number; reason: string } | null;
  @Column({ type: 'jsonb', nullable: true }) result: { text: string; attachmentIds: string[]; at: string } | null;
  @Column({ default: false }) rated: boolean;
  @Column({ name: 'rating_satisfied', type: 'boolean', nullable: true }) ratingSatisfied: boolean | null;
  @Column({ name: 'rating_comment', type: 'text', nullable: true }) ratingComment: string | null;
  @Column({ name: 'rated_at', type: 'timestamptz', nullable: true }) ratedAt: Date | null;
  @Column({ name: 'first_assigned_at', type: 'timestamptz', nullable: true }) firstAssignedAt: Date | null;
  @Column({ name: 'handled_at', type: 'timestamptz', nullable: true }) handledAt: Date | null;
  @Column({ name: 'resolved_at', type: 'timestamptz', nullable: true }) resolvedAt: Date | null;
  /**
   * Working minutes from the first assignment to the submitted result, in the category's calendar. Written by a
   * database trigger whenever those change (migration 1763900000800), never by the app: TypeORM reads it only.
   */
  @Column({ name: 'handling_minutes', type: 'double precision', nullable: true, insert: false, update: false })
  handlingMinutes: number | null;
  /** Reopened at least once (counted as "complained about" by the statistics). */
  @Column({ default: false }) reopened: boolean;
  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true }) closedAt: Date | null;
  @Column({ name: 'cancelled_at', type: 'timestamptz', nullable: true }) cancelledAt: Date | null;
  @Column({ default: 1 }) version: number;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
