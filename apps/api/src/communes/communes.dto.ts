import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsLatitude,
  IsLongitude,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { NormalizedText, PageQuery } from '@app/common';
import { VN_BOUNDS } from '../reports/report.dto';

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

export class CommuneResolveQuery {
  @ApiProperty({ example: 21.5942 })
  @Type(() => Number)
  @IsLatitude()
  @Min(VN_BOUNDS.minLat, { message: 'lat is outside Vietnam' })
  @Max(VN_BOUNDS.maxLat, { message: 'lat is outside Vietnam' })
  lat: number;

  @ApiProperty({ example: 105.8482 })
  @Type(() => Number)
  @IsLongitude()
  @Min(VN_BOUNDS.minLng, { message: 'lng is outside Vietnam' })
  @Max(VN_BOUNDS.maxLng, { message: 'lng is outside Vietnam' })
  lng: number;
}

export class CommuneCodeParam {
  @ApiProperty({ example: '05431' }) @Matches(COMMUNE_CODE, { message: 'code must be 5 digits' }) code: string;
}
