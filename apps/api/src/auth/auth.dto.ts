import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayUnique, IsArray, IsIn, IsOptional, IsString, IsUUID, Matches, MaxLength, MinLength } from 'class-validator';
import { NormalizedText } from '@app/common';
import { ROLES, type Role } from '@app/workflow';

const VN_MOBILE = /^(\+?84|0)[\s.-]?(3|5|7|8|9)(\d[\s.-]?){8}$/;
// At least 8 characters with a letter and a digit: the floor, not the ceiling (NIST SP 800-63B).
const PASSWORD = /^(?=.*[A-Za-zÀ-ỹ])(?=.*\d).{8,128}$/;

export class RegisterDto {
  @ApiProperty({ example: '0912345678' })
  @IsString() @Matches(VN_MOBILE, { message: 'phone must be a Vietnamese mobile number' })
  phone: string;

  @ApiProperty({ minLength: 8 })
  @IsString() @Matches(PASSWORD, { message: 'password must be 8–128 characters with a letter and a digit' })
  password: string;

  @ApiProperty({ example: 'Nguyễn Văn An' })
  @NormalizedText() @IsString() @MinLength(1) @MaxLength(120)
  fullName: string;
}

export class LoginDto {
  @ApiProperty({ description: 'phone (any written form) or username', example: 'admin' })
  @IsString() @MinLength(1) @MaxLength(120)
  login: string;

  @ApiProperty()
  @IsString() @MinLength(1) @MaxLength(256)
  password: string;
}

export class RefreshDto {
  @ApiProperty()
  @IsString() @MinLength(20) @MaxLength(200)
  refreshToken: string;
}

export class CreateStaffDto {
  @ApiProperty({ example: 'sangloc01' })
  @IsString() @Matches(/^[a-z0-9._-]{3,40}$/i, { message: 'username: 3–40 letters, digits, dot, dash or underscore' })
  username: string;

  @ApiProperty()
  @IsString() @Matches(PASSWORD, { message: 'password must be 8–128 characters with a letter and a digit' })
  password: string;

  @ApiProperty()
  @NormalizedText() @IsString() @MinLength(1) @MaxLength(120)
  fullName: string;

  @ApiProperty({ enum: ROLES, isArray: true })
  @IsArray() @ArrayUnique() @IsIn(ROLES, { each: true })
  roles: Role[];

  @ApiPropertyOptional()
  @IsOptional() @IsUUID()
  agencyId?: string;

  @ApiPropertyOptional()
  @IsOptional() @IsString() @Matches(VN_MOBILE, { message: 'phone must be a Vietnamese mobile number' })
  phone?: string;
}
