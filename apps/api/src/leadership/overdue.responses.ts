// OpenAPI description of the overdue list (documentation only: libs/letters/src/overdue.service.ts).
import { ApiProperty } from '@nestjs/swagger';
import { REPORT_STATUSES } from '@app/workflow';

export class OverdueCaseDto {
  @ApiProperty({ format: 'uuid' }) reportId: string;
  @ApiProperty() code: string;
  @ApiProperty({ description: 'the title, or an excerpt of the description' }) title: string;
  @ApiProperty({ enum: REPORT_STATUSES }) status: (typeof REPORT_STATUSES)[number];
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) agencyId: string | null;
  @ApiProperty({ type: String, nullable: true }) agencyName: string | null;
  @ApiProperty({ format: 'uuid' }) categoryId: string;
  @ApiProperty({ format: 'date-time' }) dueAt: string;
  @ApiProperty() escalationLevel: number;
  @ApiProperty({ description: "working minutes past the deadline in the category's calendar" })
  overdueWorkingMinutes: number;
  @ApiProperty({ description: 'overdueWorkingMinutes in working days, one decimal' }) overdueWorkingDays: number;
}

export class OverduePageDto {
  @ApiProperty({ type: [OverdueCaseDto] }) items: OverdueCaseDto[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
}
