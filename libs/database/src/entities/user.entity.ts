import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { Role } from '@app/workflow';

@Entity('users')
export class User {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'text', nullable: true }) username: string | null;
  /** E.164 (+84…). */
  @Column({ type: 'text', nullable: true }) phone: string | null;
  /**
   * `account`: someone who logs in (citizen or staff). `caller`: a hotline or Open311 caller known only by a phone
   * somebody typed, holding their reports for the staff until the phone's owner proves it (docs/identity.md).
   */
  @Column({ type: 'text', default: 'account' }) kind: 'account' | 'caller';
  /** When the account holder proved this phone (one-time code, Firebase, national e-ID); null: never. */
  @Column({ name: 'phone_verified_at', type: 'timestamptz', nullable: true }) phoneVerifiedAt: Date | null;
  /** Null for a caller record, and for an account that logs in by one-time code only. */
  @Column({ name: 'password_hash', type: 'text', nullable: true, select: false }) passwordHash: string | null;
  @Column({ name: 'full_name', default: '' }) fullName: string;
  @Column({ type: 'text', array: true, default: () => "'{}'" }) roles: Role[];
  @Column({ name: 'agency_id', type: 'uuid', nullable: true }) agencyId: string | null;
  @Column({ name: 'is_active', default: true }) isActive: boolean;
  @Column({ name: 'anonymised_at', type: 'timestamptz', nullable: true }) anonymisedAt: Date | null;
  /** Carried by access tokens; a bump refuses every token issued before (libs/auth session-versions). */
  @Column({ name: 'session_version', type: 'int', default: 0 }) sessionVersion: number;
  @Column({ name: 'last_login_at', type: 'timestamptz', nullable: true }) lastLoginAt: Date | null;
  /** The authenticator-app secret, encrypted (libs/auth totp); null until set up. */
  @Column({ name: 'totp_secret', type: 'text', nullable: true, select: false }) totpSecret: string | null;
  /** When two-factor login was switched on; null: off (or set up but not yet confirmed). */
  @Column({ name: 'totp_enabled_at', type: 'timestamptz', nullable: true }) totpEnabledAt: Date | null;
  @Column({ name: 'recovery_code_hashes', type: 'text', array: true, default: () => "'{}'", select: false })
  recoveryCodeHashes: string[];
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
