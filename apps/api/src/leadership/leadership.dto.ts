import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';
import { PageQuery } from '@app/common';
import type { OverdueSort } from '@app/letters';

const SORTS: OverdueSort[] = ['overdue_desc', 'due_asc'];

export class OverdueQuery extends PageQuery {
  @ApiPropertyOptional({
    format: 'uuid',
    description: 'agency leaders may omit it (their own agency) or pass their own',
  })
  @IsOptional()
  @IsUUID()
  agencyId?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 3, description: 'minimum escalation level (2 = levels 2 and 3)' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(3)
  level?: number;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  categoryId?: string;

  @ApiPropertyOptional({
    enum: SORTS,
    default: 'overdue_desc',
    description:
      "overdue_desc: most overdue first, in working days of each case's calendar; due_asc: oldest deadline first",
  })
  @IsOptional()
  @IsIn(SORTS)
  sort?: OverdueSort;
}

export class LetterQuery {
  @ApiPropertyOptional({ enum: ['pdf', 'html'], default: 'pdf' })
  @IsOptional()
  @IsIn(['pdf', 'html'])
  format?: 'pdf' | 'html';

  @ApiPropertyOptional({
    minimum: 1,
    maximum: 3,
    description: 'only cases at this escalation level or above (default: every overdue case)',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(3)
  level?: number;
}

export class PreparedLettersQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  agencyId?: string;
}
