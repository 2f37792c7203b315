import { Body, Controller, Delete, Get, HttpCode, Post, Put, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import {
  AccountService,
  Authenticated,
  AuthUser,
  CurrentUser,
  PersonalDataService,
  sessionOf,
  UsersService,
} from '@app/auth';
import { AppError } from '@app/common';
import { ChangePasswordDto, TotpCodeDto } from './auth.dto';
import { AccountViewDto } from './account-view.dto';
import { PersonalDataExportDto, RecoveryCodesDto, SessionDto, TotpSetupDto } from './auth.responses';

const sessionOrFail = (request: unknown) => {
  const session = sessionOf(request);
  if (!session) throw new AppError('UNAUTHENTICATED', 'Missing session');
  return session;
};

/** The caller's own account: profile, password, sessions, second factor, personal data. */
@ApiTags('me')
@ApiBearerAuth()
@Controller('api/v1')
export class MeController {
  constructor(
    private readonly users: UsersService,
    private readonly account: AccountService,
    private readonly personalData: PersonalDataService,
  ) {}

  @Get('me')
  @Authenticated()
  @ApiOkResponse({ type: AccountViewDto })
  me(@CurrentUser() user: AuthUser) {
    return this.users.get(user.id);
  }

  /** A new password, proven by the current one or a code sent by SMS; other sessions end, this one continues. */
  @Put('me/password')
  @Authenticated()
  @ApiOkResponse({ type: SessionDto, description: 'a new session for this device' })
  changePassword(@Body() dto: ChangePasswordDto, @Req() request: unknown) {
    const proof = dto.code !== undefined ? { code: dto.code } : { currentPassword: dto.currentPassword! };
    return this.account.changePassword(sessionOrFail(request), proof, dto.newPassword);
  }

  @Post('auth/logout')
  @HttpCode(204)
  @Authenticated()
  async logout(@Req() request: unknown) {
    await this.account.logout(sessionOrFail(request));
  }

  @Post('auth/logout-all')
  @HttpCode(204)
  @Authenticated()
  async logoutEverywhere(@CurrentUser() user: AuthUser) {
    await this.account.logoutEverywhere(user.id);
  }

  @Post('me/mfa/setup')
  @Authenticated()
  @ApiCreatedResponse({ type: TotpSetupDto, description: 'for the authenticator app; the first code activates it' })
  setUpMfa(@CurrentUser() user: AuthUser) {
    return this.account.setUpMfa(user.id);
  }

  @Post('me/mfa/activate')
  @HttpCode(200)
  @Authenticated()
  @ApiOkResponse({ type: RecoveryCodesDto })
  activateMfa(@CurrentUser() user: AuthUser, @Body() dto: TotpCodeDto) {
    return this.account.activateMfa(user.id, dto.code);
  }

  @Post('me/mfa/disable')
  @HttpCode(204)
  @Authenticated()
  async disableMfa(@CurrentUser() user: AuthUser, @Body() dto: TotpCodeDto) {
    await this.account.disableMfa(user.id, user.roles, dto.code);
  }

  /** Everything held about the caller (Personal Data Protection Law 91/2025). */
  @Get('me/data-export')
  @Authenticated()
  @ApiOkResponse({ type: PersonalDataExportDto })
  exportMyData(@CurrentUser() user: AuthUser) {
    return this.personalData.export(user.id);
  }

  /** Deletes the caller's personal data: the account is anonymised, reports are kept without identity. */
  @Delete('me')
  @HttpCode(204)
  @Authenticated()
  async deleteMe(@CurrentUser() user: AuthUser) {
    await this.personalData.anonymise(user.id);
  }
}
