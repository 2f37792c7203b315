import { Body, Controller, HttpCode, Ip, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AccountService, AuthService, PhoneAuthService, Public } from '@app/auth';
import {
  CodeLoginDto,
  CodeResetDto,
  LinkResetDto,
  LoginDto,
  MfaCodeDto,
  MfaTokenDto,
  RefreshDto,
  RegisterDto,
  RequestCodeDto,
} from './auth.dto';

/**
 * Getting a session (docs/identity.md): by password (with a second factor where due), by a one-time code sent by
 * SMS, or by a reset. Every route answers "wrong or expired" alike for every reason, and none tells whether a
 * phone or login exists.
 */
@ApiTags('auth')
@Controller('api/v1/auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly phoneAuth: PhoneAuthService,
    private readonly account: AccountService,
  ) {}

  @Post('otp')
  @HttpCode(202)
  @Public()
  @ApiAcceptedResponse({ description: 'the same answer whether or not the phone is known or a code was sent' })
  requestCode(@Body() dto: RequestCodeDto, @Ip() ip: string) {
    return this.phoneAuth.requestCode(dto.phone, dto.purpose, ip);
  }

  @Post('register')
  @Public()
  register(@Body() dto: RegisterDto) {
    return this.phoneAuth.register(dto.phone, dto.code, dto.password, dto.fullName);
  }

  @Post('login')
  @HttpCode(200)
  @Public()
  @ApiOkResponse({
    description: 'a session, or `{ mfa: "required" | "enroll", mfaToken }` when a second factor is due',
  })
  login(@Body() dto: LoginDto, @Ip() ip: string) {
    return this.auth.login(dto.login, dto.password, ip);
  }

  @Post('login/code')
  @HttpCode(200)
  @Public()
  loginWithCode(@Body() dto: CodeLoginDto) {
    return this.phoneAuth.login(dto.phone, dto.code);
  }

  @Post('mfa')
  @HttpCode(200)
  @Public()
  verifyMfa(@Body() dto: MfaCodeDto, @Ip() ip: string) {
    return this.auth.verifyMfa(dto.mfaToken, dto.code, ip);
  }

  @Post('mfa/enroll')
  @HttpCode(200)
  @Public()
  @ApiOkResponse({ description: '`{ secret, otpauthUrl }` for the authenticator app' })
  enrollMfa(@Body() dto: MfaTokenDto) {
    return this.auth.enrollMfa(dto.mfaToken);
  }

  @Post('mfa/activate')
  @HttpCode(200)
  @Public()
  @ApiOkResponse({ description: 'the session and ten recovery codes, shown this once' })
  activateMfa(@Body() dto: MfaCodeDto, @Ip() ip: string) {
    return this.auth.activateMfa(dto.mfaToken, dto.code, ip);
  }

  @Post('password/reset')
  @HttpCode(200)
  @Public()
  resetWithCode(@Body() dto: CodeResetDto) {
    return this.phoneAuth.resetPassword(dto.phone, dto.code, dto.newPassword);
  }

  @Post('password/reset-link')
  @HttpCode(200)
  @Public()
  resetWithLink(@Body() dto: LinkResetDto) {
    return this.account.resetWithLink(dto.token, dto.newPassword);
  }

  @Post('refresh')
  @HttpCode(200)
  @Public()
  refresh(@Body() dto: RefreshDto) {
    return this.auth.refresh(dto.refreshToken);
  }
}
