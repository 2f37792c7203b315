// OpenAPI descriptions of a report as the API answers it (documentation only: the service returns the plain
// objects of libs/reports/src/report-view.policy.ts, whose fields per viewer docs/api.md#reports lists). The
// console's client types are generated from these (apps/console/scripts/api-types.ts).
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CHANNELS, REPORT_STATUSES, STAGES } from '@app/workflow';
import { ACTION_SLUG_LIST } from './action-body';

export class PointDto {
  @ApiProperty({ example: 21.5942 }) lat: number;
  @ApiProperty({ example: 105.8482 }) lng: number;
}

export class AttachmentViewDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'image/jpeg' }) mimeType: string;
  @ApiProperty() size: number;
  @ApiProperty({ example: '/api/v1/attachments/…/content' }) url: string;
  @ApiProperty({ enum: ['original', 'cleaned'], description: 'which file `url` gives this viewer' }) variant:
    'original' | 'cleaned';
}

export class ReportResultDto {
  @ApiProperty() text: string;
  @ApiProperty({ format: 'date-time' }) at: string;
  @ApiProperty({ type: [AttachmentViewDto] }) attachments: AttachmentViewDto[];
}

export class ReporterIdentityDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() fullName: string;
  @ApiProperty({ type: String, nullable: true }) phone: string | null;
}

export class RatingDto {
  @ApiProperty({ type: Boolean, nullable: true }) satisfied: boolean | null;
  @ApiProperty({ type: String, nullable: true }) comment: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) at: string | null;
}

export class AssigneeDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() fullName: string;
}

export class AgencyRefDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
}

export class LoadDto {
  @ApiProperty({ description: 'open cases (assigned, in progress, waiting for the citizen, waiting for review)' })
  open: number;
  @ApiProperty({ description: 'of them, those whose current deadline has passed' }) overdue: number;
}

export class OfficerLoadDto extends LoadDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() fullName: string;
  @ApiProperty({ description: 'false: disabled or moved to another agency since, still holding cases' })
  active: boolean;
}

export class AgencyWorkloadDto {
  @ApiProperty({ format: 'uuid' }) agencyId: string;
  @ApiProperty({ type: [OfficerLoadDto], description: 'busiest first' }) officers: OfficerLoadDto[];
  @ApiProperty({ type: LoadDto, description: 'open cases delegated to no one' }) unassigned: LoadDto;
}

/** The routing rule behind a suggestion (docs/domain.md#routing-rules). */
export class SuggestionRuleDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({
    description: 'the conditions that held, in Vietnamese',
    example: 'đúng lĩnh vực, ngoài giờ hành chính',
  })
  reason: string;
}

export class ExtensionRequestDto {
  @ApiProperty() workingDays: number;
  @ApiProperty() reason: string;
}

export class ReportViewDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'PA-2026-000123' }) code: string;
  @ApiProperty({ enum: REPORT_STATUSES }) status: (typeof REPORT_STATUSES)[number];
  @ApiProperty({ type: String, nullable: true }) cancelReason: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) duplicateOfId: string | null;
  @ApiProperty({ format: 'uuid' }) categoryId: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) agencyId: string | null;
  @ApiProperty({ enum: ['normal', 'urgent'] }) priority: 'normal' | 'urgent';
  @ApiProperty({ enum: CHANNELS }) channel: (typeof CHANNELS)[number];
  @ApiProperty({ type: String, nullable: true }) title: string | null;
  @ApiProperty() description: string;
  @ApiProperty({
    type: PointDto,
    nullable: true,
    description: 'null when centre staff filed with a commune and an address only',
  })
  location: PointDto | null;
  @ApiProperty({ type: String, nullable: true }) address: string | null;
  @ApiProperty({ type: String, nullable: true, example: '05431', description: 'the commune (GET /communes/:code)' })
  communeCode: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: "the current stage's deadline" })
  dueAt: string | null;
  @ApiProperty({ description: 'the deadline is past now' }) overdue: boolean;
  @ApiProperty({ description: '0 none, 1 reminded, 2 reported to leaders, 3 reminder letter' })
  escalationLevel: number;
  @ApiProperty({ description: 'for expectedVersion' }) version: number;
  @ApiProperty({
    enum: ACTION_SLUG_LIST,
    isArray: true,
    description: 'the actions (slugs of POST …/actions/:action) this viewer may take now',
  })
  allowedActions: string[];
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) resolvedAt: string | null;
  @ApiProperty({ type: [AttachmentViewDto] }) attachments: AttachmentViewDto[];
  @ApiProperty({ type: ReportResultDto, nullable: true }) result: ReportResultDto | null;

  // The reporter and staff
  @ApiPropertyOptional({ description: 'reporter and staff only' }) isPublic?: boolean;
  @ApiPropertyOptional({ description: 'reporter and staff only' }) hideIdentity?: boolean;
  @ApiPropertyOptional({ description: 'reporter and staff only' }) allowContact?: boolean;
  @ApiPropertyOptional({ type: RatingDto, nullable: true, description: 'reporter and staff only' })
  rating?: RatingDto | null;
  @ApiPropertyOptional({
    type: ReporterIdentityDto,
    nullable: true,
    description: 'the reporter, centre staff, an agency when the reporter allowed contact',
  })
  reporter?: ReporterIdentityDto | null;

  // Staff only
  @ApiPropertyOptional({ enum: STAGES, nullable: true, description: 'staff only' }) stage?:
    (typeof STAGES)[number] | null;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true, description: 'staff only' })
  resolutionDueAt?: string | null;
  @ApiPropertyOptional({ description: 'staff only: was ever late at any stage' }) wasOverdue?: boolean;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true, description: 'staff only' })
  suggestedAgencyId?: string | null;
  @ApiPropertyOptional({
    type: SuggestionRuleDto,
    nullable: true,
    description: 'staff only: the routing rule the suggestion came from; null when jurisdictions or the default chose',
  })
  suggestionRule?: SuggestionRuleDto | null;
  @ApiPropertyOptional({ type: ExtensionRequestDto, nullable: true, description: 'staff only: pending request' })
  extensionRequest?: ExtensionRequestDto | null;
  @ApiPropertyOptional({ description: 'staff only' }) extensionCount?: number;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true, description: 'centre staff only' })
  hotlineCallId?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, description: "staff only: the centre's title for the public" })
  publicTitle?: string | null;
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    description: "staff only: the centre's description for the public",
  })
  publicDescription?: string | null;
  @ApiPropertyOptional({
    type: AssigneeDto,
    nullable: true,
    description: "staff only: the officer the agency's leader delegated the case to",
  })
  assignee?: AssigneeDto | null;
  @ApiPropertyOptional({
    type: AgencyRefDto,
    nullable: true,
    description: 'staff only: the agency that returned a case now back in screening (not assigned since)',
  })
  returnedBy?: AgencyRefDto | null;
  @ApiPropertyOptional({
    type: Number,
    nullable: true,
    example: 1.5,
    description:
      "staff only: working days late in the case's calendar, to one decimal, as the overdue list and the reminder " +
      'letters count them; null when not overdue',
  })
  overdueWorkingDays?: number | null;
}

export class ReportPageDto {
  @ApiProperty({ type: [ReportViewDto] }) items: ReportViewDto[];
  @ApiProperty({ description: 'exact up to 10,000' }) total: number;
  @ApiPropertyOptional({
    description: 'staff list only: false when `total` is a lower bound (past 10,000, or a search by a common word)',
  })
  totalExact?: boolean;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
}

export class EventActorDto {
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'staff viewers only' }) id: string | null;
  @ApiProperty({ type: [String] }) roles: string[];
}

export class TimelineEventDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'report.assigned' }) type: string;
  @ApiProperty({ enum: REPORT_STATUSES, nullable: true }) fromStatus: (typeof REPORT_STATUSES)[number] | null;
  @ApiProperty({ enum: REPORT_STATUSES, nullable: true }) toStatus: (typeof REPORT_STATUSES)[number] | null;
  @ApiProperty({ type: EventActorDto }) actor: EventActorDto;
  @ApiProperty() internal: boolean;
  @ApiProperty({ type: 'object', additionalProperties: true, description: "the event's fields (reason, note…)" })
  data: Record<string, unknown>;
  @ApiProperty({ format: 'date-time' }) at: string;
}
