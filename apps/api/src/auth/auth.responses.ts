// OpenAPI descriptions of what the login, account and second-factor routes answer (documentation only: the
// services of libs/auth/src return plain objects of these shapes; docs/identity.md says when each is given).
import { applyDecorators } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, ApiProperty, getSchemaPath } from '@nestjs/swagger';
import { CHANNELS, REPORT_STATUSES, ROLES } from '@app/workflow';
import { UserDto } from './account-view.dto';

/** Session (libs/auth/src/session-issuer.ts). */
export class SessionDto {
  @ApiProperty({ description: 'a short-lived JWT for the Authorization header' }) accessToken: string;
  @ApiProperty({ description: 'single use: POST /auth/refresh gives the next pair' }) refreshToken: string;
  @ApiProperty({ type: UserDto }) user: UserDto;
}

/** MfaChallenge (libs/auth/src/auth.service.ts): the password was right, a second factor is due first. */
export class MfaChallengeDto {
  @ApiProperty({ enum: ['required', 'enroll'], description: '`required`: enter a code; `enroll`: set one up' })
  mfa: 'required' | 'enroll';
  @ApiProperty({ description: 'proves the password step to POST /auth/mfa, /auth/mfa/enroll or /auth/mfa/activate' })
  mfaToken: string;
  @ApiProperty() expiresInSeconds: number;
}

/** A session, or the second-factor step when one is due (LoginResult of libs/auth/src/auth.service.ts). */
export const ApiLoginResultResponse = (description: string) =>
  applyDecorators(
    ApiExtraModels(SessionDto, MfaChallengeDto),
    ApiOkResponse({
      description,
      schema: { oneOf: [{ $ref: getSchemaPath(SessionDto) }, { $ref: getSchemaPath(MfaChallengeDto) }] },
    }),
  );

/** OtpRequested (libs/auth/src/otp.service.ts): the same whether or not the phone is known or a code was sent. */
export class OtpRequestedDto {
  @ApiProperty({ enum: ['accepted'] }) status: 'accepted';
  @ApiProperty({ description: 'seconds a code, if one was sent, stays valid' }) expiresInSeconds: number;
  @ApiProperty({ description: 'seconds before asking again makes sense' }) resendAfterSeconds: number;
}

/** TotpSetup (libs/auth/src/mfa.service.ts): for the authenticator app, until the first code activates it. */
export class TotpSetupDto {
  @ApiProperty({ description: 'Base32 secret, for typing into an authenticator app' }) secret: string;
  @ApiProperty({ example: 'otpauth://totp/…', description: 'for a QR code' }) otpauthUrl: string;
}

export class RecoveryCodesDto {
  @ApiProperty({ type: [String], description: 'ten single-use codes, shown this once' }) recoveryCodes: string[];
}

export class SessionWithRecoveryCodesDto extends SessionDto {
  @ApiProperty({ type: [String], description: 'ten single-use codes, shown this once' }) recoveryCodes: string[];
}

/** OidcLoginStarted (libs/auth/src/oidc/oidc-login.service.ts). */
export class OidcLoginStartedDto {
  @ApiProperty({ description: 'open it in the browser or an in-app browser tab' }) authorizationUrl: string;
  @ApiProperty({ description: 'compare it with the one that comes back before posting the callback' }) state: string;
  @ApiProperty({ description: "OIDC_PROVIDER_NAME, for the button's label", example: 'VNeID' }) provider: string;
}

// GET /me/data-export (PersonalDataService.export in libs/auth/src/personal-data.service.ts).

export class ExportedUserDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ type: String, nullable: true }) username: string | null;
  @ApiProperty({ type: String, nullable: true }) phone: string | null;
  @ApiProperty() fullName: string;
  @ApiProperty({ enum: ROLES, isArray: true }) roles: string[];
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class ExportedReportDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() code: string;
  @ApiProperty({ enum: REPORT_STATUSES }) status: string;
  @ApiProperty({ enum: CHANNELS }) channel: string;
  @ApiProperty({ type: String, nullable: true }) title: string | null;
  @ApiProperty() description: string;
  @ApiProperty({ type: String, nullable: true }) address: string | null;
  @ApiProperty({ type: Number, nullable: true }) lat: number | null;
  @ApiProperty({ type: Number, nullable: true }) lng: number | null;
  @ApiProperty() isPublic: boolean;
  @ApiProperty() hideIdentity: boolean;
  @ApiProperty() allowContact: boolean;
  @ApiProperty({ type: Boolean, nullable: true }) ratingSatisfied: boolean | null;
  @ApiProperty({ type: String, nullable: true }) ratingComment: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class ExportedEventDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() reportCode: string;
  @ApiProperty({ description: 'the event type (docs/domain.md)' }) type: string;
  @ApiProperty({ type: 'object', additionalProperties: true }) data: Record<string, unknown>;
  @ApiProperty({ format: 'date-time' }) at: string;
}

export class ExportedHotlineCallDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() callerPhone: string;
  @ApiProperty({ type: String, nullable: true }) callerName: string | null;
  @ApiProperty({ format: 'date-time' }) startedAt: string;
  @ApiProperty() outcome: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) reportId: string | null;
}

export class ExportedFollowDto {
  @ApiProperty({ format: 'uuid' }) reportId: string;
  @ApiProperty() via: string;
  @ApiProperty({ format: 'date-time' }) since: string;
}

export class ExportedDeviceDto {
  @ApiProperty() platform: string;
  @ApiProperty({ format: 'date-time' }) registeredAt: string;
  @ApiProperty({ format: 'date-time' }) lastSeenAt: string;
}

export class ExportedNotificationDto {
  @ApiProperty() title: string;
  @ApiProperty() body: string;
  @ApiProperty({ format: 'date-time' }) at: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) readAt: string | null;
}

export class PersonalDataExportDto {
  @ApiProperty({ format: 'date-time' }) exportedAt: string;
  @ApiProperty({ type: ExportedUserDto }) user: ExportedUserDto;
  @ApiProperty({ type: [ExportedReportDto] }) reports: ExportedReportDto[];
  @ApiProperty({ type: [ExportedEventDto], description: 'what the caller did on reports' }) events: ExportedEventDto[];
  @ApiProperty({ type: [ExportedHotlineCallDto] }) hotlineCalls: ExportedHotlineCallDto[];
  @ApiProperty({ type: [ExportedFollowDto] }) follows: ExportedFollowDto[];
  @ApiProperty({ type: [ExportedDeviceDto] }) devices: ExportedDeviceDto[];
  @ApiProperty({ type: [ExportedNotificationDto] }) notifications: ExportedNotificationDto[];
}
