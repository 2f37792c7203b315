import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { NormalizedText, PageQuery } from '@app/common';
import { COMMUNE_KINDS, type CommuneKind } from '@app/reference';
import { PointQuery } from '../reports/report.dto';

export const COMMUNE_CODE = /^\d{5}$/;

export class CommuneListQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'name or province, accents optional ("phuong phan dinh phung"), or a code' })
  @IsOptional()
  @NormalizedText()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  q?: string;

  @ApiPropertyOptional({ example: '19', description: "the province's 2-digit code" })
  @IsOptional()
  @Matches(/^\d{2}$/)
  provinceCode?: string;
}

/** `GET /communes/resolve?lat=&lng=`: a point within Vietnam. */
export class CommuneResolveQuery extends PointQuery {}

export class CommuneCodeParam {
  @ApiProperty({ example: '05431' }) @Matches(COMMUNE_CODE, { message: 'code must be 5 digits' }) code: string;
}

// Responses, for the OpenAPI document (the service returns plain views: libs/reference/src/communes.service.ts).

export class CommuneViewDto {
  @ApiProperty({ example: '05431' }) code: string;
  @ApiProperty({ example: 'Phường Phan Đình Phùng' }) name: string;
  @ApiProperty({ enum: COMMUNE_KINDS, description: 'xã, phường, đặc khu' }) kind: CommuneKind;
  @ApiProperty({ example: '19' }) provinceCode: string;
  @ApiProperty({ example: 'Thái Nguyên' }) provinceName: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: "the commune's People's Committee" })
  agencyId: string | null;
}

export class CommunePageDto {
  @ApiProperty({ type: [CommuneViewDto] }) items: CommuneViewDto[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
}

export class CommuneResolutionDto {
  @ApiProperty({ type: CommuneViewDto, nullable: true, description: "null when no commune agency's area holds it" })
  commune: CommuneViewDto | null;
}

export class CommuneImportResultDto {
  @ApiProperty({ description: 'rows in the file' }) total: number;
  @ApiProperty() created: number;
  @ApiProperty() updated: number;
  @ApiProperty() unchanged: number;
}
