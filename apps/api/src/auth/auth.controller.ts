import { Body, Controller, HttpCode, Ip, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
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
import {
  ApiLoginResultResponse,
  OtpRequestedDto,
  SessionDto,
  SessionWithRecoveryCodesDto,
  TotpSetupDto,
} from './auth.responses';

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
  @ApiAcceptedResponse({
    type: OtpRequestedDto,
    description: 'the same answer whether or not the phone is known or a code was sent',
  })
  requestCode(@Body() dto: RequestCodeDto, @Ip() ip: string) {
    return this.phoneAuth.requestCode(dto.phone, dto.purpose, ip);
  }

  @Post('register')
  @Public()
  @ApiCreatedResponse({ type: SessionDto, description: 'the new citizen account, logged in' })
  register(@Body() dto: RegisterDto) {
    return this.phoneAuth.register(dto.phone, dto.code, dto.password, dto.fullName);
  }

  @Post('login')
  @HttpCode(200)
  @Public()
  @ApiLoginResultResponse('a session, or the second-factor challenge when one is due')
  login(@Body() dto: LoginDto, @Ip() ip: string) {
    return this.auth.login(dto.login, dto.password, ip);
  }

  @Post('login/code')
  @HttpCode(200)
  @Public()
  @ApiOkResponse({ type: SessionDto })
  loginWithCode(@Body() dto: CodeLoginDto) {
    return this.phoneAuth.login(dto.phone, dto.code);
  }

  @Post('mfa')
  @HttpCode(200)
  @Public()
  @ApiOkResponse({ type: SessionDto })
  verifyMfa(@Body() dto: MfaCodeDto, @Ip() ip: string) {
    return this.auth.verifyMfa(dto.mfaToken, dto.code, ip);
  }

  @Post('mfa/enroll')
  @HttpCode(200)
  @Public()
  @ApiOkResponse({ type: TotpSetupDto, description: 'for the authenticator app' })
  enrollMfa(@Body() dto: MfaTokenDto) {
    return this.auth.enrollMfa(dto.mfaToken);
  }

  @Post('mfa/activate')
  @HttpCode(200)
  @Public()
  @ApiOkResponse({
    type: SessionWithRecoveryCodesDto,
    description: 'the session and ten recovery codes, shown this once',
  })
  activateMfa(@Body() dto: MfaCodeDto, @Ip() ip: string) {
    return this.auth.activateMfa(dto.mfaToken, dto.code, ip);
  }

  @Post('password/reset')
  @HttpCode(200)
  @Public()
  @ApiOkResponse({ type: SessionDto })
  resetWithCode(@Body() dto: CodeResetDto) {
    return this.phoneAuth.resetPassword(dto.phone, dto.code, dto.newPassword);
  }

  @Post('password/reset-link')
  @HttpCode(200)
  @Public()
  @ApiLoginResultResponse(
    'after the new password the login goes on as after a password: a session or the second factor first',
  )
  resetWithLink(@Body() dto: LinkResetDto) {
    return this.account.resetWithLink(dto.token, dto.newPassword);
  }

  @Post('refresh')
  @HttpCode(200)
  @Public()
  @ApiOkResponse({ type: SessionDto, description: 'the next pair; the refresh token given is used up' })
  refresh(@Body() dto: RefreshDto) {
    return this.auth.refresh(dto.refreshToken);
  }
}
