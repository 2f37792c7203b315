import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsLatitude,
  IsObject,
  IsLongitude,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { IsCalendarDateTime, NormalizedText, PageQuery } from '@app/common';
import { STAFF_LIST_SORTS, type StaffListSort } from '@app/reports';
import { REPORT_STATUSES, VN_BOUNDS, type ReportStatus } from '@app/workflow';

// A report's point is within Vietnam's bounds, as an action's point is (@app/workflow VN_BOUNDS).
export { VN_BOUNDS };

export class LocationDto {
  @ApiProperty({ example: 21.5942 })
  @IsLatitude()
  @Min(VN_BOUNDS.minLat, { message: 'lat is outside Vietnam' })
  @Max(VN_BOUNDS.maxLat, { message: 'lat is outside Vietnam' })
  lat: number;

  @ApiProperty({ example: 105.8482 })
  @IsLongitude()
  @Min(VN_BOUNDS.minLng, { message: 'lng is outside Vietnam' })
  @Max(VN_BOUNDS.maxLng, { message: 'lng is outside Vietnam' })
  lng: number;
}

/** A point in a query string (?lat=&lng=): the same bounds, the text read as a number first. */
export class PointQuery extends LocationDto {
  @Type(() => Number) override lat!: number;
  @Type(() => Number) override lng!: number;
}

export class CreateReportDto {
  @ApiProperty() @IsUUID() categoryId: string;

  @ApiProperty({ example: 'Ổ gà lớn giữa đường Hoàng Văn Thụ, nguy hiểm cho xe máy' })
  @NormalizedText()
  @IsString()
  @MinLength(1, { message: 'description must not be empty' })
  @MaxLength(5000)
  description: string;

  @ApiPropertyOptional() @IsOptional() @NormalizedText() @IsString() @MaxLength(200) title?: string;

  // A missing location is checked by the reports service: only centre staff may file with a commune instead.
  @ApiPropertyOptional({
    type: LocationDto,
    description:
      'required, except for centre staff giving communeCode and address (docs/domain.md#communes-and-addresses)',
  })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => LocationDto)
  location?: LocationDto;

  @ApiPropertyOptional() @IsOptional() @NormalizedText() @IsString() @MaxLength(500) address?: string;

  @ApiPropertyOptional({
    example: '05431',
    description: 'the commune (GET /communes); found from the location if omitted',
  })
  @IsOptional()
  @Matches(/^\d{5}$/, { message: 'communeCode must be 5 digits' })
  communeCode?: string;

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsUUID('all', { each: true })
  attachmentIds?: string[];

  @ApiPropertyOptional({ enum: ['normal', 'urgent'] }) @IsOptional() @IsIn(['normal', 'urgent']) priority?:
    'normal' | 'urgent';
  @ApiPropertyOptional({ default: true }) @IsOptional() @IsBoolean() isPublic?: boolean;
  @ApiPropertyOptional({ default: false }) @IsOptional() @IsBoolean() hideIdentity?: boolean;
  @ApiPropertyOptional({ default: true }) @IsOptional() @IsBoolean() allowContact?: boolean;
}

const toList = ({ value }: { value: unknown }) =>
  typeof value === 'string'
    ? value
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
    : value;
const toBool = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);

export class ReportListQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'comma-separated statuses' })
  @IsOptional()
  @Transform(toList)
  @IsArray()
  @IsIn(REPORT_STATUSES, { each: true })
  status?: ReportStatus[];

  @ApiPropertyOptional() @IsOptional() @IsUUID() categoryId?: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID() agencyId?: string;
  @ApiPropertyOptional() @IsOptional() @Transform(toBool) @IsBoolean() overdue?: boolean;
  @ApiPropertyOptional({
    description:
      "a report code (exactly), the reporter's phone in any written form, or words of the title, description or " +
      'address (each anywhere, accent- and case-insensitive; one of 3 characters at least): docs/api.md#reports',
  })
  @IsOptional()
  @NormalizedText()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  q?: string;
  @ApiPropertyOptional() @IsOptional() @IsCalendarDateTime() from?: string;
  @ApiPropertyOptional() @IsOptional() @IsCalendarDateTime() to?: string;
  @ApiPropertyOptional() @IsOptional() @IsIn(['app', 'web', 'zalo', 'hotline', 'open311', 'email']) channel?: string;
  @ApiPropertyOptional({
    description:
      "`me`: the cases delegated to the caller; `none`: cases delegated to no one; an officer's id (agency leaders " +
      'and the centre): docs/api.md#reports',
  })
  @IsOptional()
  @Matches(/^(me|none|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i, {
    message: 'assignee must be me, none or a user id',
  })
  assignee?: string;
  @ApiPropertyOptional({ example: '05431' })
  @IsOptional()
  @Matches(/^\d{5}$/, { message: 'communeCode must be 5 digits' })
  communeCode?: string;
  @ApiPropertyOptional({
    description: 'an extension request awaits the centre: true those, false the others (docs/api.md#queues)',
  })
  @IsOptional()
  @Transform(toBool)
  @IsBoolean()
  extensionPending?: boolean;
  @ApiPropertyOptional({ description: 'back in screening, returned by an agency (docs/api.md#queues)' })
  @IsOptional()
  @Transform(toBool)
  @IsBoolean()
  returned?: boolean;
  @ApiPropertyOptional({ description: 'in progress again after the centre sent the result back (docs/api.md#queues)' })
  @IsOptional()
  @Transform(toBool)
  @IsBoolean()
  sentBack?: boolean;
  @ApiPropertyOptional({ description: 'reopened at least once (docs/api.md#queues)' })
  @IsOptional()
  @Transform(toBool)
  @IsBoolean()
  reopened?: boolean;
  @ApiPropertyOptional({ enum: [1, 2, 3], description: "the current stage's escalation level at least this" })
  @IsOptional()
  @Type(() => Number)
  @IsIn([1, 2, 3], { message: 'minLevel must be 1, 2 or 3' })
  minLevel?: number;
  @ApiPropertyOptional({
    minimum: 1,
    maximum: 60,
    description: 'waiting for the citizen (need_info) at least this many office working days (docs/api.md#queues)',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(60)
  needInfoOlderThan?: number;
  @ApiPropertyOptional({
    enum: STAFF_LIST_SORTS,
    default: 'created_desc',
    description:
      'newest, oldest, nearest deadline (overdue first), longest overdue (then newest), last updated; ties by id',
  })
  @IsOptional()
  @IsIn(STAFF_LIST_SORTS)
  sort?: StaffListSort;
}

export class WorkloadQuery {
  @ApiPropertyOptional({ description: "required for the centre; an agency leader's own agency by default" })
  @IsOptional()
  @IsUUID()
  agencyId?: string;
}
