// OpenAPI descriptions of an inbox line and a push token (documentation only: libs/notifications/src).
import { ApiProperty } from '@nestjs/swagger';

export class NotificationViewDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) eventId: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) reportId: string | null;
  @ApiProperty({ example: 'report.assigned' }) type: string;
  @ApiProperty() title: string;
  @ApiProperty() body: string;
  @ApiProperty({ type: 'object', additionalProperties: true }) data: Record<string, unknown>;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) readAt: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class NotificationPageDto {
  @ApiProperty({ type: [NotificationViewDto] }) items: NotificationViewDto[];
  @ApiProperty({ description: 'with unread=true: the badge count' }) total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
}

export class MarkedReadDto {
  @ApiProperty({ description: 'how many unread lines were marked read' }) marked: number;
}

/** A registered push token (DeviceView of libs/notifications): the caller's own, as they sent it. */
export class DeviceViewDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() token: string;
  @ApiProperty({ enum: ['android', 'ios', 'web'] }) platform: 'android' | 'ios' | 'web';
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) lastSeenAt: string;
}
