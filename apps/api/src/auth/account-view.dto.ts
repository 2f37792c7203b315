// OpenAPI description of an account (documentation only: PublicUser and AdminUserView in libs/auth/src)).
import { ApiProperty } from '@nestjs/swagger';
import { ROLES } from '@app/workflow';

/** Who is logged in, as a session and a new account carry it (PublicUser). */
export class UserDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ type: String, nullable: true }) username: string | null;
  @ApiProperty({ type: String, nullable: true }) phone: string | null;
  @ApiProperty() fullName: string;
  @ApiProperty({ enum: ROLES, isArray: true }) roles: string[];
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) agencyId: string | null;
}

export class AccountViewDto extends UserDto {
  @ApiProperty() locked: boolean;
  @ApiProperty() phoneVerified: boolean;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) lastLoginAt: string | null;
  @ApiProperty() mfaEnabled: boolean;
  @ApiProperty({ description: 'the role must log in with a second factor' }) mfaRequired: boolean;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class AccountPageDto {
  @ApiProperty({ type: [AccountViewDto] }) items: AccountViewDto[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
}

/** A one-time password reset link an admin hands to the person (UsersService.issueResetLink); shown this once. */
export class ResetLinkDto {
  @ApiProperty({ example: 'https://phananh.example.vn/console/dat-lai-mat-khau?token=…' }) url: string;
  @ApiProperty({ description: 'the token in `url`, for POST /auth/password/reset-link' }) token: string;
  @ApiProperty({ format: 'date-time', description: '24 hours after issue' }) expiresAt: string;
}
