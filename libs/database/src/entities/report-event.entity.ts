import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { EventType } from '@app/workflow';

/** One entry of a report's timeline. Append-only; `dispatchedAt` makes the table the outbox. */
@Entity('report_events')
export class ReportEvent {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'bigint', insert: false, update: false }) seq: string;
  @Column({ name: 'report_id', type: 'uuid' }) reportId: string;
  /** Written only through @app/workflow's typed events (events.ts); `data` is that type's EventMap entry. */
  @Column({ type: 'text' }) type: EventType;
  @Column({ name: 'from_status', type: 'text', nullable: true }) fromStatus: string | null;
  @Column({ name: 'to_status', type: 'text', nullable: true }) toStatus: string | null;
  @Column({ name: 'actor_id', type: 'uuid', nullable: true }) actorId: string | null;
  @Column({ name: 'actor_roles', type: 'text', array: true, default: () => "'{}'" }) actorRoles: string[];
  @Column({ default: false }) internal: boolean;
  @Column({ type: 'jsonb', default: () => "'{}'" }) data: Record<string, unknown>;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @Column({ name: 'dispatched_at', type: 'timestamptz', nullable: true }) dispatchedAt: Date | null;
}
