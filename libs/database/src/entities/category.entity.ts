import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** Working minutes, in the category's calendar, allowed for each stage. */
export interface StageSla {
  screeningMinutes: number;
  acknowledgeMinutes: number;
  resolutionMinutes: number;
  reviewMinutes: number;
}
export interface CategorySla {
  normal: StageSla;
  urgent: StageSla;
}
/** Reminder at a fraction of the stage; levels 2 and 3 in working minutes after the deadline. */
export interface EscalationPolicy {
  reminderAtFraction: number;
  level2AfterMinutes: number;
  level3AfterMinutes: number;
}
/** An Open311 service attribute: an extra field a category asks for. */
export interface CategoryAttribute {
  code: string;
  datatype: 'string' | 'number' | 'datetime' | 'text' | 'singlevaluelist' | 'multivaluelist';
  required: boolean;
  description: string;
  values?: Array<{ key: string; name: string }>;
}

@Entity('categories')
export class Category {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column() code: string;
  @Column() name: string;
  @Column({ name: 'group_code', type: 'text', nullable: true }) groupCode: string | null;
  @Column({ type: 'text', name: 'default_priority', default: 'normal' }) priority: 'normal' | 'urgent';
  @Column({ type: 'text', default: 'office' }) calendar: 'office' | '24x7';
  @Column({ type: 'jsonb' }) sla: CategorySla;
  @Column({ type: 'jsonb' }) escalation: EscalationPolicy;
  @Column({ name: 'default_agency_id', type: 'uuid', nullable: true }) defaultAgencyId: string | null;
  @Column({ name: 'duplicate_radius_m', default: 150 }) duplicateRadiusM: number;
  @Column({ name: 'location_bound', default: true }) locationBound: boolean;
  @Column({ name: 'auto_assign', default: false }) autoAssign: boolean;
  @Column({ type: 'jsonb', default: () => "'[]'" }) attributes: CategoryAttribute[];
  @Column({ name: 'sort_order', default: 0 }) sortOrder: number;
  @Column({ name: 'is_active', default: true }) isActive: boolean;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
