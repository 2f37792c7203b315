import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { GRANULARITIES, type Granularity } from '@app/stats';

/** The period of a statistics request; the formats are checked by resolvePeriod, which names the field at fault. */
export class PeriodQuery {
  @ApiPropertyOptional({
    example: '2024-01-01',
    description:
      'YYYY-MM-DD (local midnight, Asia/Ho_Chi_Minh) or ISO 8601 date-time with offset; default: start of the current month',
  })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  from?: string;

  @ApiPropertyOptional({
    example: '2024-12-31',
    description:
      'YYYY-MM-DD = the last day included, or ISO 8601 date-time with offset (exclusive); default: end of the current month',
  })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  to?: string;

  @ApiPropertyOptional({
    enum: ['month'],
    description:
      'period=month&month=YYYY-MM: the monthly reporting period, cut at STATS_MONTH_CUTOFF_DAY/HOUR (excludes from/to)',
  })
  @IsOptional()
  @IsIn(['month'])
  period?: 'month';

  @ApiPropertyOptional({ example: '2024-03', description: 'with period=month' })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}$/, { message: 'month must be YYYY-MM' })
  month?: string;
}

export class ScopedPeriodQuery extends PeriodQuery {
  @ApiPropertyOptional({ format: 'uuid', description: 'agency leaders: omitted or their own agency (forced)' })
  @IsOptional()
  @IsUUID()
  agencyId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  categoryId?: string;
}

export class StatsQuery extends ScopedPeriodQuery {
  @ApiPropertyOptional({
    enum: GRANULARITIES,
    description: 'trend buckets; default day up to 62 days, week up to 366, else month',
  })
  @IsOptional()
  @IsIn(GRANULARITIES)
  granularity?: Granularity;
}
