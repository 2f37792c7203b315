import { Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Authenticated, AuthUser, CurrentUser } from '@app/auth';
import { InboxService } from '@app/notifications';
import { NotificationListQuery } from './notifications.dto';
import { MarkedReadDto, NotificationPageDto, NotificationViewDto } from './notification-view.dto';

@ApiTags('notifications')
@ApiBearerAuth()
@Controller('api/v1/notifications')
export class NotificationsController {
  constructor(private readonly inbox: InboxService) {}

  /** The signed-in user's inbox, newest first; `unread=true` for the unread ones (total = the badge count). */
  @Get()
  @Authenticated()
  @ApiOkResponse({ type: NotificationPageDto })
  list(@Query() q: NotificationListQuery, @CurrentUser() user: AuthUser) {
    return this.inbox.list(user.id, { page: q.page, pageSize: q.pageSize, unread: q.unread });
  }

  /** Every unread line of the inbox read at once (the console's "Đánh dấu tất cả đã đọc"). */
  @Post('read-all')
  @HttpCode(200)
  @Authenticated()
  @ApiOkResponse({ type: MarkedReadDto })
  markAllRead(@CurrentUser() user: AuthUser) {
    return this.inbox.markAllRead(user.id);
  }

  @Post(':id/read')
  @HttpCode(200)
  @Authenticated()
  @ApiOkResponse({ type: NotificationViewDto })
  markRead(@Param('id', ParseUUIDPipe) id: string, @CurrentUser() user: AuthUser) {
    return this.inbox.markRead(user.id, id);
  }
}
