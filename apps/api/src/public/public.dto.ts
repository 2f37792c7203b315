import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { NormalizedText, PageQuery } from '@app/common';
import { MAX_ZOOM } from '@app/public';
import { REPORT_STATUSES, type ReportStatus } from '@app/workflow';
import { LocationDto } from '../reports/report.dto';

const toList = ({ value }: { value: unknown }) =>
  typeof value === 'string'
    ? value
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
    : value;

/** The filters of every public list, the map and the feed's neighbours (docs/api.md#public). */
export class PublicFilterQuery extends PageQuery {
  @ApiPropertyOptional() @IsOptional() @IsUUID() categoryId?: string;
  @ApiPropertyOptional({ description: 'comma-separated statuses' })
  @IsOptional()
  @Transform(toList)
  @IsArray()
  @IsIn(REPORT_STATUSES, { each: true })
  status?: ReportStatus[];
  @ApiPropertyOptional({ example: '04246' })
  @IsOptional()
  @Matches(/^\d{5}$/, { message: 'communeCode must be 5 digits' })
  communeCode?: string;
  @ApiPropertyOptional({ description: 'created from: YYYY-MM-DD (local) or a date-time with offset' })
  @IsOptional()
  @IsString()
  from?: string;
  @ApiPropertyOptional({ description: 'created until: YYYY-MM-DD (the whole day) or a date-time with offset' })
  @IsOptional()
  @IsString()
  to?: string;
  @ApiPropertyOptional({ description: 'minLng,minLat,maxLng,maxLat', example: '105.80,21.55,105.90,21.62' })
  @IsOptional()
  @IsString()
  bbox?: string;
}

/** The map's query: the list's filters, `bbox` required (checked by the route: the parent declares it optional). */
export class PublicMapQuery extends PublicFilterQuery {
  @ApiProperty({ minimum: 0, maximum: MAX_ZOOM })
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(MAX_ZOOM)
  zoom: number;
}

export class PublicIndicatorsQuery {
  @ApiPropertyOptional({ enum: ['agency', 'commune'], default: 'agency' })
  @IsOptional()
  @IsIn(['agency', 'commune'])
  groupBy?: 'agency' | 'commune';
  @ApiPropertyOptional({ minimum: 1, maximum: 24, default: 12 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(24)
  months?: number;
}

/** One of: a commune, a point and a radius, a category. */
export class FeedQuery {
  @ApiPropertyOptional()
  @IsOptional()
  @Matches(/^\d{5}$/, { message: 'communeCode must be 5 digits' })
  communeCode?: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID() categoryId?: string;
  @ApiPropertyOptional() @IsOptional() @Type(() => Number) @Min(-90) @Max(90) lat?: number;
  @ApiPropertyOptional() @IsOptional() @Type(() => Number) @Min(-180) @Max(180) lng?: number;
  @ApiPropertyOptional({ minimum: 50, maximum: 20000 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(50)
  @Max(20000)
  radiusM?: number;
}

export class SubscriptionBody {
  @ApiProperty({ enum: ['commune', 'area', 'category'] }) @IsIn(['commune', 'area', 'category']) kind:
    'commune' | 'area' | 'category';
  @ApiPropertyOptional({ description: 'kind commune' })
  @ValidateIf((b: SubscriptionBody) => b.kind === 'commune' || b.communeCode !== undefined)
  @Matches(/^\d{5}$/, { message: 'communeCode must be 5 digits' })
  communeCode?: string;
  @ApiPropertyOptional({ description: 'kind category' })
  @ValidateIf((b: SubscriptionBody) => b.kind === 'category' || b.categoryId !== undefined)
  @IsUUID()
  categoryId?: string;
  @ApiPropertyOptional({ type: LocationDto, description: 'kind area' })
  @ValidateIf((b: SubscriptionBody) => b.kind === 'area' || b.location !== undefined)
  @ValidateNested()
  @Type(() => LocationDto)
  location?: LocationDto;
  @ApiPropertyOptional({ minimum: 50, maximum: 20000, description: 'kind area' })
  @ValidateIf((b: SubscriptionBody) => b.kind === 'area' || b.radiusM !== undefined)
  @IsInt()
  @Min(50)
  @Max(20000)
  radiusM?: number;
}

export class PublicationBody {
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(1) expectedVersion?: number;
  @ApiPropertyOptional({ nullable: true, description: 'null: back to the reporter’s title (masked)' })
  @IsOptional()
  @NormalizedText()
  @IsString()
  @MaxLength(200)
  publicTitle?: string | null;
  @ApiPropertyOptional({ nullable: true, description: 'null: back to the reporter’s description (masked)' })
  @IsOptional()
  @NormalizedText()
  @IsString()
  @MaxLength(5000)
  publicDescription?: string | null;
  @ApiPropertyOptional({
    type: [String],
    description: 'the whole list of the report’s attachments hidden from the public',
  })
  @IsOptional()
  @IsArray()
  @IsUUID('all', { each: true })
  hiddenAttachmentIds?: string[];
}
