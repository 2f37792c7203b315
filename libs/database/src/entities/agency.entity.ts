import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { MultiPolygon } from 'geojson';
import type { AgencyLevel } from '@app/workflow';

/** An agency handling cases. Agencies form a tree of any depth (provinces and communes since July 2025). */
@Entity('agencies')
export class Agency {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column() code: string;
  @Column() name: string;
  @Column({ name: 'parent_id', type: 'uuid', nullable: true }) parentId: string | null;
  @Column({ type: 'geometry', spatialFeatureType: 'MultiPolygon', srid: 4326, nullable: true, select: false })
  jurisdiction: MultiPolygon | null;
  /** The commune this agency is the People's Committee of; its jurisdiction is then the commune's area. */
  @Column({ name: 'commune_code', type: 'text', nullable: true }) communeCode: string | null;
  /** Where the assignment digest and the reminder letters go (docs/channels.md#email). */
  @Column({ type: 'text', nullable: true }) email: string | null;
  /** Its level in the tree (docs/domain.md#agency-tree); a `unit` always has a parent. */
  @Column({ type: 'text', default: 'department' }) level: AgencyLevel;
  @Column({ name: 'is_active', default: true }) isActive: boolean;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
