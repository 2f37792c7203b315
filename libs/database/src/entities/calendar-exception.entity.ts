import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** A government-announced change to the working calendar: an extra day off or a swapped working Saturday. */
@Entity('calendar_exceptions')
export class CalendarException {
  @PrimaryColumn({ type: 'date' }) date: string;
  @Column({ type: 'text' }) kind: 'off' | 'working';
  @Column({ default: '' }) note: string;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
