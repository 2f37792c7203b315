// OpenAPI descriptions of categories and agencies as the API answers them (documentation only: the services
// return the plain views of libs/reference/src). The console's client types are generated from these.
import { ApiProperty } from '@nestjs/swagger';

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
  @ApiProperty() isActive: boolean;
  @ApiProperty({ description: 'a jurisdiction polygon is set (used by routing)' }) hasJurisdiction: boolean;
}
