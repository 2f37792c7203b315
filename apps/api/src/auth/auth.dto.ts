import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayUnique,
  IsArray,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  MinLength,
  ValidateIf,
} from 'class-validator';
import { NormalizedText } from '@app/common';
import { OTP_PURPOSES, type OtpPurpose } from '@app/auth';
import { ROLES, type Role } from '@app/workflow';

const VN_MOBILE = /^(\+?84|0)[\s.-]?(3|5|7|8|9)(\d[\s.-]?){8}$/;
// At least 8 characters with a letter and a digit: the floor, not the ceiling (NIST SP 800-63B).
const PASSWORD = /^(?=.*[A-Za-zÀ-ỹ])(?=.*\d).{8,128}$/;
const PASSWORD_RULE = 'password must be 8–128 characters with a letter and a digit';

const Phone = () => (target: object, key: string) => {
  ApiProperty({ example: '0912345678', description: 'Vietnamese mobile, any written form' })(target, key);
  IsString()(target, key);
  Matches(VN_MOBILE, { message: `${key} must be a Vietnamese mobile number` })(target, key);
};
const Password =
  (name = 'password') =>
  (target: object, key: string) => {
    ApiProperty({ minLength: 8, maxLength: 128 })(target, key);
    IsString()(target, key);
    Matches(PASSWORD, { message: PASSWORD_RULE.replace('password', name) })(target, key);
  };
const OneTimeCode = () => (target: object, key: string) => {
  ApiProperty({ example: '042517', description: 'the 6-digit code sent by SMS' })(target, key);
  IsString()(target, key);
  Matches(/^\d{6}$/, { message: 'code must be 6 digits' })(target, key);
};
const FullName = () => (target: object, key: string) => {
  ApiProperty({ example: 'Nguyễn Văn An' })(target, key);
  NormalizedText()(target, key);
  IsString()(target, key);
  MinLength(1)(target, key);
  MaxLength(120)(target, key);
};

export class RequestCodeDto {
  @Phone() phone: string;
  @ApiProperty({ enum: OTP_PURPOSES }) @IsIn(OTP_PURPOSES) purpose: OtpPurpose;
}

export class RegisterDto {
  @Phone() phone: string;
  @OneTimeCode() code: string;
  @Password() password: string;
  @FullName() fullName: string;
}

export class CodeLoginDto {
  @Phone() phone: string;
  @OneTimeCode() code: string;
}

export class CodeResetDto {
  @Phone() phone: string;
  @OneTimeCode() code: string;
  @Password('newPassword') newPassword: string;
}

export class LinkResetDto {
  @ApiProperty({ description: 'the token of the link an admin handed over' })
  @IsString()
  @MinLength(20)
  @MaxLength(200)
  token: string;
  @Password('newPassword') newPassword: string;
}

export class LoginDto {
  @ApiProperty({ description: 'phone (any written form) or username', example: 'admin' })
  @IsString()
  @MinLength(1)
  @MaxLength(120)
  login: string;

  @ApiProperty()
  @IsString()
  @MinLength(1)
  @MaxLength(256)
  password: string;
}

export class MfaTokenDto {
  @ApiProperty({ description: 'the mfaToken of the login answer' })
  @IsString()
  @MinLength(20)
  @MaxLength(2000)
  mfaToken: string;
}

export class MfaCodeDto extends MfaTokenDto {
  @ApiProperty({ description: 'a 6-digit code from the authenticator app, or a recovery code (xxxxx-xxxxx)' })
  @IsString()
  @Matches(/^(\d{6}|[0-9a-f]{5}-?[0-9a-f]{5})$/i, { message: 'code must be 6 digits or a recovery code' })
  code: string;
}

export class TotpCodeDto {
  @ApiProperty({ example: '123456' })
  @IsString()
  @Matches(/^\d{6}$/, { message: 'code must be 6 digits' })
  code: string;
}

export class RefreshDto {
  @ApiProperty()
  @IsString()
  @MinLength(20)
  @MaxLength(200)
  refreshToken: string;
}

export class ChangePasswordDto {
  @ApiPropertyOptional({ description: 'the current password, or else `code`' })
  @ValidateIf((o: ChangePasswordDto) => o.code === undefined)
  @IsString()
  @MinLength(1)
  @MaxLength(256)
  currentPassword?: string;

  @ApiPropertyOptional({ description: 'a code sent by SMS with purpose "reset", instead of the current password' })
  @IsOptional()
  @IsString()
  @Matches(/^\d{6}$/, { message: 'code must be 6 digits' })
  code?: string;

  @Password('newPassword') newPassword: string;
}

export class CreateStaffDto {
  @ApiProperty({ example: 'sangloc01' })
  @IsString()
  @Matches(/^[a-z0-9._-]{3,40}$/i, { message: 'username: 3–40 letters, digits, dot, dash or underscore' })
  username: string;

  @Password() password: string;
  @FullName() fullName: string;

  @ApiProperty({ enum: ROLES, isArray: true })
  @IsArray()
  @ArrayUnique()
  @IsIn(ROLES, { each: true })
  roles: Role[];

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  agencyId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Matches(VN_MOBILE, { message: 'phone must be a Vietnamese mobile number' })
  phone?: string;
}

export class UpdateUserDto {
  @ApiPropertyOptional() @IsOptional() @NormalizedText() @IsString() @MinLength(1) @MaxLength(120) fullName?: string;

  @ApiPropertyOptional({ enum: ROLES, isArray: true })
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @IsIn(ROLES, { each: true })
  roles?: Role[];

  @ApiPropertyOptional({ nullable: true, description: 'null takes the account out of its agency' })
  @IsOptional()
  @IsUUID()
  agencyId?: string | null;
}
