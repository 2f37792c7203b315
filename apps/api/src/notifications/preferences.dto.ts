import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsObject, IsOptional, Matches, ValidateNested } from 'class-validator';

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;

/** A kind's channels (the in-app inbox is always on). */
export class ChannelSwitchesDto {
  @ApiPropertyOptional() @IsOptional() @IsBoolean() push?: boolean;
  @ApiPropertyOptional({ description: 'used when push cannot reach you (no app, or a dead token)' })
  @IsOptional()
  @IsBoolean()
  sms?: boolean;
  @ApiPropertyOptional({ description: 'like SMS, tried before it' }) @IsOptional() @IsBoolean() zalo?: boolean;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() email?: boolean;
}

const kind = () => [
  ApiPropertyOptional({ type: ChannelSwitchesDto }),
  IsOptional(),
  ValidateNested(),
  Type(() => ChannelSwitchesDto),
];
const apply =
  (decorators: PropertyDecorator[]): PropertyDecorator =>
  (target, key) =>
    decorators.forEach((d) => d(target, key));

/** Channels per kind of message (docs/channels.md#preferences). */
export class KindSwitchesDto {
  /** The receipt of a new report, with its code. */
  @apply(kind()) receipt?: ChannelSwitchesDto;
  /** A request for more information. */
  @apply(kind()) request?: ChannelSwitchesDto;
  /** The result of the case. */
  @apply(kind()) result?: ChannelSwitchesDto;
  /** Other changes of the case's status. */
  @apply(kind()) status?: ChannelSwitchesDto;
  /** Staff: assignments, reminders, escalations. */
  @apply(kind()) work?: ChannelSwitchesDto;
}

export class QuietHoursDto {
  @ApiProperty({ example: '22:00', description: 'local time (Vietnam), HH:MM' })
  @Matches(HHMM, { message: 'start must be HH:MM' })
  start: string;

  @ApiProperty({ example: '06:00', description: 'local time (Vietnam), HH:MM; may be past midnight' })
  @Matches(HHMM, { message: 'end must be HH:MM' })
  end: string;
}

export class UpdatePreferencesDto {
  @ApiPropertyOptional({ type: KindSwitchesDto, description: 'switches to change; the rest keep their value' })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => KindSwitchesDto)
  channels?: KindSwitchesDto;

  @ApiPropertyOptional({
    type: QuietHoursDto,
    nullable: true,
    description: 'non-urgent messages wait until the end; null: none',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => QuietHoursDto)
  quietHours?: QuietHoursDto | null;
}

class AllSwitchesDto {
  @ApiProperty() push: boolean;
  @ApiProperty() sms: boolean;
  @ApiProperty() zalo: boolean;
  @ApiProperty() email: boolean;
}

class AllKindsDto {
  @ApiProperty({ type: AllSwitchesDto }) receipt: AllSwitchesDto;
  @ApiProperty({ type: AllSwitchesDto }) request: AllSwitchesDto;
  @ApiProperty({ type: AllSwitchesDto }) result: AllSwitchesDto;
  @ApiProperty({ type: AllSwitchesDto }) status: AllSwitchesDto;
  @ApiProperty({ type: AllSwitchesDto }) work: AllSwitchesDto;
}

export class PreferencesViewDto {
  @ApiProperty({ type: AllKindsDto }) channels: AllKindsDto;
  @ApiProperty({ type: QuietHoursDto, nullable: true }) quietHours: QuietHoursDto | null;
}
