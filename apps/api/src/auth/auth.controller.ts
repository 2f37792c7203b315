import { Body, Controller, Delete, Get, HttpCode, Ip, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Throttle } from '@nestjs/throttler';
import {
  Authenticated, AuthService, AuthUser, CurrentUser, PersonalDataService, Public, UsersService,
} from '@app/auth';
import { LoginDto, RefreshDto, RegisterDto } from './auth.dto';

@ApiTags('auth')
@Controller('api/v1')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly users: UsersService,
    private readonly personalData: PersonalDataService,
  ) {}

  @Post('auth/register')
  @Public()
  @Throttle({ default: { limit: 10, ttl: 60_000 } })
  register(@Body() dto: RegisterDto) {
    return this.auth.register(dto.phone, dto.password, dto.fullName);
  }

  @Post('auth/login')
  @HttpCode(200)
  @Public()
  login(@Body() dto: LoginDto, @Ip() ip: string) {
    return this.auth.login(dto.login, dto.password, ip);
  }

  @Post('auth/refresh')
  @HttpCode(200)
  @Public()
  refresh(@Body() dto: RefreshDto) {
    return this.auth.refresh(dto.refreshToken);
  }

  @Get('me')
  @Authenticated()
  @ApiBearerAuth()
  me(@CurrentUser() user: AuthUser) {
    return this.users.get(user.id);
  }

  /** Everything held about the caller (Personal Data Protection Law 91/2025). */
  @Get('me/data-export')
  @Authenticated()
  @ApiBearerAuth()
  exportMyData(@CurrentUser() user: AuthUser) {
    return this.personalData.export(user.id);
  }

  /** Deletes the caller's personal data: the account is anonymised, reports are kept without identity. */
  @Delete('me')
  @HttpCode(204)
  @Authenticated()
  @ApiBearerAuth()
  async deleteMe(@CurrentUser() user: AuthUser) {
    await this.personalData.anonymise(user.id);
  }
}
