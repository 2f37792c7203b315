import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Authenticated, AuthUser, CurrentUser } from '@app/auth';
import { PreferencesService } from '@app/notifications';
import { PreferencesViewDto, UpdatePreferencesDto } from './preferences.dto';

/** The caller's own channels and quiet hours (docs/channels.md#preferences). */
@ApiTags('notifications')
@ApiBearerAuth()
@Controller('api/v1/me/preferences')
export class PreferencesController {
  constructor(private readonly preferences: PreferencesService) {}

  @Get()
  @Authenticated()
  @ApiOkResponse({ type: PreferencesViewDto })
  get(@CurrentUser() user: AuthUser) {
    return this.preferences.get(user.id);
  }

  @Put()
  @Authenticated()
  @ApiOkResponse({ type: PreferencesViewDto })
  update(@Body() dto: UpdatePreferencesDto, @CurrentUser() user: AuthUser) {
    return this.preferences.update(user.id, dto);
  }
}
