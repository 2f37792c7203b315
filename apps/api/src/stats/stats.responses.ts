// OpenAPI descriptions of the statistics responses (documentation only: the service returns plain objects of the
// same shape). The definitions repeat libs/stats/src/indicators.ts in words, for the people who read /docs.
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class PeriodViewDto {
  @ApiProperty({ format: 'date-time', description: 'inclusive' }) from: string;
  @ApiProperty({ format: 'date-time', description: 'exclusive' }) to: string;
  @ApiProperty({ enum: ['day', 'week', 'month'] }) granularity: string;
  @ApiProperty({ example: 'Asia/Ho_Chi_Minh' }) timeZone: string;
}

export class StatusCountsDto {
  @ApiProperty() received: number;
  @ApiProperty() need_info: number;
  @ApiProperty() assigned: number;
  @ApiProperty() in_progress: number;
  @ApiProperty() pending_review: number;
  @ApiProperty() resolved: number;
  @ApiProperty() closed: number;
  @ApiProperty() cancelled: number;
}

export class GroupCountsDto {
  @ApiProperty({ description: 'resolved + closed (đã xử lý)' }) resolved: number;
  @ApiProperty({ description: 'need_info (chờ bổ sung thông tin)' }) needInfo: number;
  @ApiProperty({ description: 'cancelled (đã hủy)' }) cancelled: number;
  @ApiProperty({ description: 'assigned + in_progress + pending_review (đang xử lý)' }) inProgress: number;
  @ApiProperty({ description: 'received (chờ sàng lọc)' }) waitingScreening: number;
}

export class HandledFiguresDto {
  @ApiProperty({
    description: 'reports handled in the period: resolved or closed, result approved (resolved_at) in the period',
  })
  handled: number;
  @ApiProperty({
    description:
      'handled reports whose result was submitted on or before the resolution deadline (as moved by need_info pauses and extensions) and that were never overdue at any stage',
  })
  onTime: number;
  @ApiPropertyOptional({
    type: Number,
    nullable: true,
    description: 'onTime ÷ handled (0..1, 4 decimals); null without handled reports (Decision 766/QĐ-TTg)',
  })
  onTimeRate: number | null;
  @ApiProperty({ description: 'handled reports whose citizen rating is "not satisfied"' })
  notSatisfied: number;
  @ApiProperty({
    description: "handled reports reopened (the citizen's complaint), not already counted as not satisfied",
  })
  complainedLate: number;
  @ApiProperty({
    description:
      'handled reports the citizen rated (either way): how many ratings stand behind satisfactionRate, which counts unrated reports as satisfied',
  })
  rated: number;
  @ApiPropertyOptional({
    type: Number,
    nullable: true,
    description:
      '(handled − notSatisfied − complainedLate) ÷ handled (0..1); unrated reports count as satisfied (Decision 766/QĐ-TTg), see rated',
  })
  satisfactionRate: number | null;
  @ApiPropertyOptional({
    type: Number,
    nullable: true,
    description: 'mean working hours (category calendar) from first assignment to the accepted result',
  })
  avgHandlingHours: number | null;
}

export class TrendPointDto {
  @ApiProperty({ example: '2024-03-04', description: 'local day, the Monday of an ISO week, or YYYY-MM' })
  bucket: string;
  @ApiProperty({ description: 'reports received (created) in the bucket' }) received: number;
  @ApiProperty({ description: 'reports handled (result approved) in the bucket' }) handled: number;
  @ApiProperty({ description: 'of which on time' }) onTime: number;
}

class ChannelCountsDto {
  @ApiProperty() app: number;
  @ApiProperty() web: number;
  @ApiProperty() hotline: number;
  @ApiProperty() zalo: number;
  @ApiProperty() open311: number;
  @ApiProperty() email: number;
}

export class OverviewDto extends HandledFiguresDto {
  @ApiProperty({ type: PeriodViewDto }) period: PeriodViewDto;
  @ApiPropertyOptional({
    type: Number,
    nullable: true,
    description: 'median working hours from first assignment to the accepted result',
  })
  medianHandlingHours: number | null;
  @ApiProperty({ description: 'reports received (created) in the period' }) total: number;
  @ApiProperty({ type: StatusCountsDto, description: 'reports received in the period, by their status now' })
  byStatus: StatusCountsDto;
  @ApiProperty({ type: GroupCountsDto, description: 'the same, in the status groups of the provincial reports' })
  groups: GroupCountsDto;
  @ApiProperty({ description: 'open cases past their deadline right now, whenever received (a snapshot)' })
  overdueNow: number;
  @ApiProperty({ type: [TrendPointDto] }) trend: TrendPointDto[];
  @ApiProperty({ type: ChannelCountsDto, description: 'reports received in the period by intake channel' })
  byChannel: ChannelCountsDto;
}

class BreakdownDto extends HandledFiguresDto {
  @ApiProperty() code: string;
  @ApiProperty() name: string;
  @ApiProperty({ description: 'reports received in the period and held by this agency / of this category now' })
  received: number;
  @ApiProperty({ type: GroupCountsDto }) groups: GroupCountsDto;
  @ApiProperty() overdueNow: number;
}

export class AgencyStatsDto extends BreakdownDto {
  @ApiProperty({ format: 'uuid' }) agencyId: string;
}

export class CategoryStatsDto extends BreakdownDto {
  @ApiProperty({ format: 'uuid' }) categoryId: string;
}

export class OutcomeCountsDto {
  @ApiProperty() new_report: number;
  @ApiProperty() existing_report: number;
  @ApiProperty() consultation: number;
  @ApiProperty() other: number;
}

export class HotlineDayDto {
  @ApiProperty({ example: '2024-03-04' }) date: string;
  @ApiProperty() total: number;
  @ApiProperty({ type: OutcomeCountsDto }) byOutcome: OutcomeCountsDto;
}

export class HotlineStatsDto {
  @ApiProperty({ type: PeriodViewDto }) period: PeriodViewDto;
  @ApiProperty() total: number;
  @ApiProperty({ type: OutcomeCountsDto }) byOutcome: OutcomeCountsDto;
  @ApiProperty({ type: [HotlineDayDto] }) perDay: HotlineDayDto[];
}
