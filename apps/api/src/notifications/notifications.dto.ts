import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { PageQuery } from '@app/common';
import type { DevicePlatform } from '@app/notifications';

const toBool = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);

export class RegisterDeviceDto {
  @ApiProperty({ description: 'FCM registration token of the app install' })
  @IsString()
  @MinLength(1)
  @MaxLength(4096)
  @Matches(/^\S+$/, { message: 'token must not contain spaces' })
  token: string;

  @ApiProperty({ enum: ['android', 'ios', 'web'] })
  @IsIn(['android', 'ios', 'web'])
  platform: DevicePlatform;
}

export class NotificationListQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'only notifications not yet read' })
  @IsOptional()
  @Transform(toBool)
  @IsBoolean()
  unread?: boolean;
}
