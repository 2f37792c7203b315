import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type CallOutcome = 'new_report' | 'existing_report' | 'consultation' | 'other';

@Entity('hotline_calls')
export class HotlineCall {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'external_call_id', type: 'text', nullable: true }) externalCallId: string | null;
  @Column({ name: 'caller_phone' }) callerPhone: string;
  @Column({ name: 'caller_name', type: 'text', nullable: true }) callerName: string | null;
  @Column({ name: 'caller_user_id', type: 'uuid', nullable: true }) callerUserId: string | null;
  @Column({ name: 'operator_id', type: 'uuid' }) operatorId: string;
  @Column({ name: 'started_at', type: 'timestamptz' }) startedAt: Date;
  @Column({ name: 'ended_at', type: 'timestamptz', nullable: true }) endedAt: Date | null;
  @Column({ type: 'text' }) outcome: CallOutcome;
  @Column({ type: 'text', nullable: true }) notes: string | null;
  @Column({ name: 'report_id', type: 'uuid', nullable: true }) reportId: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}
