// OpenAPI descriptions of the hotline's call log as the API answers it (documentation only: callView in
// libs/reports/src/hotline.service.ts returns plain objects of this shape).
import { ApiProperty } from '@nestjs/swagger';
import { ReportViewDto } from '../reports/report-view.dto';

export class HotlineCallViewDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ type: String, nullable: true, description: "the switchboard's call id" }) callId: string | null;
  @ApiProperty({ example: '0912345678', description: 'normalised' }) callerPhone: string;
  @ApiProperty({ type: String, nullable: true }) callerName: string | null;
  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: "the caller's account or caller record (docs/identity.md)",
  })
  callerUserId: string | null;
  @ApiProperty({ format: 'uuid' }) operatorId: string;
  @ApiProperty({ format: 'date-time' }) startedAt: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) endedAt: string | null;
  @ApiProperty({ enum: ['new_report', 'existing_report', 'consultation', 'other'] }) outcome: string;
  @ApiProperty({ type: String, nullable: true }) notes: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) reportId: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

/** A logged call and the report it filed (outcome new_report; also on a retry with the same callId). */
export class LoggedCallDto {
  @ApiProperty({ type: HotlineCallViewDto }) call: HotlineCallViewDto;
  @ApiProperty({ type: ReportViewDto, nullable: true }) report: ReportViewDto | null;
}

export class HotlineCallPageDto {
  @ApiProperty({ type: [HotlineCallViewDto], description: 'newest first' }) items: HotlineCallViewDto[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
}
