// The admin's routing rules as the API takes and answers them (docs/api.md#routing-rules).
import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { NormalizedText } from '@app/common';
import { RULE_HOURS, type RuleHours } from '@app/reports';

const HOURS_DOC = 'any; office: during office hours of the working calendar; off_hours: outside them';

export class CreateRoutingRuleDto {
  @ApiProperty({ example: 'Chiếu sáng phường Phan Đình Phùng ngoài giờ' })
  @NormalizedText()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name: string;
  @ApiPropertyOptional({ description: 'rules are tried in ascending position (then oldest first); default 0' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  position?: number;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true, description: 'null: any category' })
  @IsOptional()
  @IsUUID()
  categoryId?: string | null;
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    description: 'a category group (group_code), not with categoryId',
  })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(50)
  categoryGroup?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'a commune by its official code; null: anywhere' })
  @IsOptional()
  @Matches(/^\d{5}$/)
  communeCode?: string | null;
  @ApiPropertyOptional({ enum: RULE_HOURS, description: HOURS_DOC }) @IsOptional() @IsIn(RULE_HOURS) hours?: RuleHours;
  @ApiProperty({ format: 'uuid', description: 'the agency the rule sends reports to' }) @IsUUID() agencyId: string;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() isActive?: boolean;
}

/** Every field optional, each still validated when present. */
export class UpdateRoutingRuleDto extends PartialType(CreateRoutingRuleDto) {}

export class RoutingRuleViewDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty() position: number;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) categoryId: string | null;
  @ApiProperty({ type: String, nullable: true }) categoryGroup: string | null;
  @ApiProperty({ type: String, nullable: true }) communeCode: string | null;
  @ApiProperty({ enum: RULE_HOURS, description: HOURS_DOC }) hours: RuleHours;
  @ApiProperty({ format: 'uuid' }) agencyId: string;
  @ApiProperty() isActive: boolean;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: Date;
  @ApiProperty({ type: String, format: 'date-time' }) updatedAt: Date;
}
