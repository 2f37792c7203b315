// OpenAPI descriptions of categories and agencies as the API answers them (documentation only: the services
// return the plain views of libs/reference/src). The console's client types are generated from these.
import { ApiProperty } from '@nestjs/swagger';
import { AGENCY_LEVELS, type AgencyLevel } from '@app/workflow';

export class StageSlaViewDto {
  @ApiProperty({ description: 'working minutes' }) screeningMinutes: number;
  @ApiProperty({ description: 'working minutes' }) acknowledgeMinutes: number;
  @ApiProperty({ description: 'working minutes' }) resolutionMinutes: number;
  @ApiProperty({ description: 'working minutes' }) reviewMinutes: number;
}

export class CategorySlaViewDto {
  @ApiProperty({ type: StageSlaViewDto }) normal: StageSlaViewDto;
  @ApiProperty({ type: StageSlaViewDto }) urgent: StageSlaViewDto;
}

export class EscalationViewDto {
  @ApiProperty({ description: 'fraction of the stage after which the reminder goes' }) reminderAtFraction: number;
  @ApiProperty() level2AfterMinutes: number;
  @ApiProperty() level3AfterMinutes: number;
}

export class CategoryAttributeValueViewDto {
  @ApiProperty() key: string;
  @ApiProperty() name: string;
}

export class CategoryAttributeViewDto {
  @ApiProperty() code: string;
  @ApiProperty({ enum: ['string', 'number', 'datetime', 'text', 'singlevaluelist', 'multivaluelist'] })
  datatype: string;
  @ApiProperty() required: boolean;
  @ApiProperty() description: string;
  @ApiProperty({ type: [CategoryAttributeValueViewDto], required: false }) values?: CategoryAttributeValueViewDto[];
}

export class CategoryViewDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() code: string;
  @ApiProperty() name: string;
  @ApiProperty({ type: String, nullable: true }) groupCode: string | null;
  @ApiProperty({ enum: ['normal', 'urgent'] }) priority: 'normal' | 'urgent';
  @ApiProperty({ enum: ['office', '24x7'] }) calendar: 'office' | '24x7';
  @ApiProperty({ type: CategorySlaViewDto }) sla: CategorySlaViewDto;
  @ApiProperty({ type: EscalationViewDto }) escalation: EscalationViewDto;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) defaultAgencyId: string | null;
  @ApiProperty() duplicateRadiusM: number;
  @ApiProperty() locationBound: boolean;
  @ApiProperty() autoAssign: boolean;
  @ApiProperty({ type: [CategoryAttributeViewDto] }) attributes: CategoryAttributeViewDto[];
  @ApiProperty() isActive: boolean;
}

export class AgencyViewDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() code: string;
  @ApiProperty() name: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) parentId: string | null;
  @ApiProperty({ type: String, nullable: true, description: "the commune whose People's Committee this agency is" })
  communeCode: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'where the assignment digest and reminder letters go' })
  email: string | null;
  @ApiProperty({ enum: AGENCY_LEVELS, description: 'its level in the tree (docs/domain.md#agency-tree)' })
  level: AgencyLevel;
  @ApiProperty() isActive: boolean;
  @ApiProperty({ description: 'a jurisdiction polygon is set (used by routing)' }) hasJurisdiction: boolean;
}

/** A calendar exception (CalendarService.list in libs/reference/src/calendar.service.ts). */
export class CalendarExceptionViewDto {
  @ApiProperty({ format: 'date', example: '2026-09-01' }) date: string;
  @ApiProperty({ enum: ['off', 'working'], description: 'an extra day off, or a swapped working day' }) kind:
    'off' | 'working';
  @ApiProperty({ description: 'empty when none was given' }) note: string;
}

/** An integration's API key as listed: never the key, only its first characters (libs/reference/src/api-keys.service.ts). */
export class ApiKeyViewDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ description: 'the first 8 characters of the key, to recognise it' }) prefix: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) createdBy: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) revokedAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) lastUsedAt: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

/** A new API key: the key itself is shown this once (only its hash is stored). */
export class CreatedApiKeyDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ description: 'shown this once', example: 'pa_…' }) key: string;
}
