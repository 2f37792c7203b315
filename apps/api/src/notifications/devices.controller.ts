import { Body, Controller, Delete, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import { Authenticated, AuthUser, CurrentUser } from '@app/auth';
import { DevicesService } from '@app/notifications';
import { RegisterDeviceDto } from './notifications.dto';
import { DeviceViewDto } from './notification-view.dto';

@ApiTags('notifications')
@ApiBearerAuth()
@Controller('api/v1/devices')
export class DevicesController {
  constructor(private readonly devices: DevicesService) {}

  /** Registers the app's push token for the signed-in user (again after each sign-in or token refresh). */
  @Post()
  @Authenticated()
  @ApiCreatedResponse({ type: DeviceViewDto })
  register(@Body() dto: RegisterDeviceDto, @CurrentUser() user: AuthUser) {
    return this.devices.register(user.id, dto.token, dto.platform);
  }

  /** Sign-out: stop pushing to this install. Only the user's own tokens. */
  @Delete(':token')
  @HttpCode(204)
  @Authenticated()
  async unregister(@Param('token') token: string, @CurrentUser() user: AuthUser): Promise<void> {
    await this.devices.unregister(user.id, token);
  }
}
