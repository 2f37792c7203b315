import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
  IsObject,
} from 'class-validator';
import { IsCalendarDateTime, NormalizedText } from '@app/common';
import { AGENCY_LEVELS, type AgencyLevel } from '@app/workflow';

const CODE = /^[a-z0-9][a-z0-9_.-]{0,49}$/;
const MAX_SLA_MINUTES = 60 * 24 * 365;
const COMMUNE_CODE_DOC =
  "the commune this agency is the People's Committee of (null unlinks): its jurisdiction is the commune's area";

export class StageSlaDto {
  @IsInt() @Min(1) @Max(MAX_SLA_MINUTES) screeningMinutes: number;
  @IsInt() @Min(1) @Max(MAX_SLA_MINUTES) acknowledgeMinutes: number;
  @IsInt() @Min(1) @Max(MAX_SLA_MINUTES) resolutionMinutes: number;
  @IsInt() @Min(1) @Max(MAX_SLA_MINUTES) reviewMinutes: number;
}

export class CategorySlaDto {
  // ValidateNested alone lets a missing object through: IsObject makes it required.
  @IsObject() @ValidateNested() @Type(() => StageSlaDto) normal: StageSlaDto;
  @IsObject() @ValidateNested() @Type(() => StageSlaDto) urgent: StageSlaDto;
}

export class EscalationDto {
  @IsNumber() @Min(0.05) @Max(0.99) reminderAtFraction: number;
  @IsInt() @Min(1) @Max(MAX_SLA_MINUTES) level2AfterMinutes: number;
  @IsInt() @Min(1) @Max(MAX_SLA_MINUTES) level3AfterMinutes: number;
}

export class CategoryAttributeValueDto {
  @IsString() @MaxLength(50) key: string;
  @NormalizedText() @IsString() @MaxLength(200) name: string;
}

export class CategoryAttributeDto {
  @IsString() @Matches(CODE) code: string;
  @IsIn(['string', 'number', 'datetime', 'text', 'singlevaluelist', 'multivaluelist'])
  datatype: 'string' | 'number' | 'datetime' | 'text' | 'singlevaluelist' | 'multivaluelist';
  @IsBoolean() required: boolean;
  @NormalizedText() @IsString() @MaxLength(500) description: string;
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => CategoryAttributeValueDto)
  values?: CategoryAttributeValueDto[];
}

export class CreateCategoryDto {
  @ApiProperty({ example: 'giao-thong' }) @IsString() @Matches(CODE) code: string;
  @ApiProperty({ example: 'Giao thông' }) @NormalizedText() @IsString() @MinLength(1) @MaxLength(200) name: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Matches(CODE) groupCode?: string;
  @ApiPropertyOptional({ enum: ['normal', 'urgent'] }) @IsOptional() @IsIn(['normal', 'urgent']) priority?:
    'normal' | 'urgent';
  @ApiPropertyOptional({ enum: ['office', '24x7'] }) @IsOptional() @IsIn(['office', '24x7']) calendar?:
    'office' | '24x7';
  @ApiPropertyOptional({ type: CategorySlaDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => CategorySlaDto)
  sla?: CategorySlaDto;
  @ApiPropertyOptional({ type: EscalationDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => EscalationDto)
  escalation?: EscalationDto;
  @ApiPropertyOptional() @IsOptional() @IsUUID() defaultAgencyId?: string;
  @ApiPropertyOptional({ minimum: 0, maximum: 1000 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(1000)
  duplicateRadiusM?: number;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() locationBound?: boolean;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() autoAssign?: boolean;
  @ApiPropertyOptional({ type: [CategoryAttributeDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(30)
  @ValidateNested({ each: true })
  @Type(() => CategoryAttributeDto)
  attributes?: CategoryAttributeDto[];
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(0) @Max(10000) sortOrder?: number;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() isActive?: boolean;
}

/** Every field optional, each still validated when present. */
export class UpdateCategoryDto extends PartialType(CreateCategoryDto) {}

const AGENCY_EMAIL_DOC =
  'where the digest of new assignments and the reminder letters are sent (docs/channels.md#email)';

const AGENCY_LEVEL_DOC =
  'its level in the tree (docs/domain.md#agency-tree): default department; a unit needs a parent';

export class UpdateAgencyDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @Matches(CODE) code?: string;
  @ApiPropertyOptional() @IsOptional() @NormalizedText() @IsString() @MinLength(1) @MaxLength(200) name?: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID() parentId?: string;
  @ApiPropertyOptional({ nullable: true, description: COMMUNE_CODE_DOC })
  @IsOptional()
  @Matches(/^\d{5}$/)
  communeCode?: string | null;
  @ApiPropertyOptional({ nullable: true, description: AGENCY_EMAIL_DOC })
  @IsOptional()
  @IsEmail()
  @MaxLength(254)
  email?: string | null;
  @ApiPropertyOptional({ enum: AGENCY_LEVELS, description: AGENCY_LEVEL_DOC })
  @IsOptional()
  @IsIn(AGENCY_LEVELS)
  level?: AgencyLevel;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() isActive?: boolean;
}

export class CreateAgencyDto {
  @ApiProperty({ example: 'so-gtvt' }) @IsString() @Matches(CODE) code: string;
  @ApiProperty({ example: 'Sở Giao thông vận tải' })
  @NormalizedText()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID() parentId?: string;
  @ApiPropertyOptional({ description: COMMUNE_CODE_DOC }) @IsOptional() @Matches(/^\d{5}$/) communeCode?: string;
  @ApiPropertyOptional({ description: AGENCY_EMAIL_DOC }) @IsOptional() @IsEmail() @MaxLength(254) email?: string;
  @ApiPropertyOptional({ enum: AGENCY_LEVELS, description: AGENCY_LEVEL_DOC })
  @IsOptional()
  @IsIn(AGENCY_LEVELS)
  level?: AgencyLevel;
}

export class CalendarExceptionDto {
  @ApiProperty({ example: '2026-01-02' }) @IsCalendarDateTime() @Matches(/^\d{4}-\d{2}-\d{2}$/) date: string;
  @ApiProperty({ enum: ['off', 'working'] }) @IsIn(['off', 'working']) kind: 'off' | 'working';
  @ApiPropertyOptional() @IsOptional() @NormalizedText() @IsString() @MaxLength(300) note?: string;
}

export class CreateApiKeyDto {
  @ApiProperty({ example: 'LGSP Thái Nguyên' })
  @NormalizedText()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  name: string;
}

/** A GeoJSON body; its structure is checked by the jurisdiction parser, which knows the GeoJSON rules. */
export class JurisdictionDto {
  @ApiProperty({ enum: ['Polygon', 'MultiPolygon', 'Feature', 'FeatureCollection'] }) @IsString() type: string;
  @IsOptional() @IsArray() coordinates?: unknown[];
  @IsOptional() @IsObject() geometry?: Record<string, unknown>;
  @IsOptional() @IsArray() features?: unknown[];
  @IsOptional() @IsObject() properties?: Record<string, unknown>;
  @IsOptional() @IsArray() bbox?: number[];
}
