import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { NormalizedText } from '@app/common';
import { PointQuery } from '../reports/report.dto';
import { ReportViewDto } from '../reports/report-view.dto';

export class NearbyQueryDto extends PointQuery {
  @ApiProperty() @IsUUID() categoryId: string;

  @ApiPropertyOptional({
    description: 'what the citizen has typed so far; compared accent-insensitively',
    example: 'o ga lon',
  })
  @IsOptional()
  @NormalizedText()
  @IsString()
  @MaxLength(5000)
  description?: string;
}

export class CandidateDto {
  @ApiProperty({
    type: ReportViewDto,
    description: 'the report as the caller may see it (public fields only on /reports/nearby)',
  })
  report: ReportViewDto;

  @ApiProperty({ example: 41.2, description: 'metres from the point or report' }) distanceM: number;

  @ApiProperty({
    example: 0.9321,
    description:
      '0…1, higher = more likely the same problem: (0.45·(1 − distance/radius) + 0.35·text similarity + 0.20·(1 − Δt/30 days)) / weights used',
  })
  score: number;

  @ApiProperty({
    example: 1,
    nullable: true,
    description: 'trigram similarity of the accent-folded descriptions; null without text',
  })
  similarity: number | null;
}

export class FollowStateDto {
  @ApiProperty() reportId: string;
  @ApiProperty() following: boolean;
}
