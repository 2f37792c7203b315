import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import {
  ApiOkResponse,
  ApiProperty,
  ApiPropertyOptional,
  ApiServiceUnavailableResponse,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { OidcLogin, Public } from '@app/auth';
import { OidcLoginStartedDto, SessionDto } from './auth.responses';

class OidcAuthorizeDto {
  @ApiPropertyOptional({
    description: 'one of OIDC_REDIRECT_URI (the first when left out)',
    example: 'https://phananh.example.vn/dang-nhap/vneid',
  })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  redirectUri?: string;
}

/** The parameters of the provider's redirect that the login needs, as they came. */
class OidcCallbackDto {
  @ApiProperty({ description: 'the authorization code' }) @IsString() @MinLength(1) @MaxLength(2000) code: string;

  @ApiProperty({ description: 'the state of POST /auth/oidc/authorize' })
  @IsString()
  @Matches(/^[\w-]{16,128}$/, { message: 'state is not one this server issued' })
  state: string;

  @ApiPropertyOptional({ description: 'the issuer, when the provider sends it (RFC 9207)' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  iss?: string;
}

/**
 * Login with the national e-ID (VNeID) or another OpenID Connect provider, for the apps and the web alike
 * (docs/identity.md): authorize gives the URL to open, the provider sends the user back to the redirect URI with a
 * code, and the client posts that code here for a session.
 */
@ApiTags('auth')
@Controller('api/v1/auth/oidc')
export class OidcController {
  constructor(private readonly oidc: OidcLogin) {}

  @Post('authorize')
  @HttpCode(200)
  @Public()
  @ApiOkResponse({
    type: OidcLoginStartedDto,
    description: 'open authorizationUrl; the login must come back within 10 minutes',
  })
  @ApiServiceUnavailableResponse({
    description: 'SERVICE_UNAVAILABLE: no e-ID provider is configured, or it cannot be reached',
  })
  authorize(@Body() dto: OidcAuthorizeDto) {
    return this.oidc.start(dto.redirectUri);
  }

  @Post('callback')
  @HttpCode(200)
  @Public()
  @ApiOkResponse({
    type: SessionDto,
    description: "a session for the e-ID's linked account, or for the account of the verified phone it vouches for",
  })
  @ApiUnauthorizedResponse({
    description: 'UNAUTHENTICATED: unknown or used state, login not confirmed, no verified phone, a staff account',
  })
  @ApiServiceUnavailableResponse({
    description: 'SERVICE_UNAVAILABLE: no e-ID provider is configured, or it cannot be reached',
  })
  callback(@Body() dto: OidcCallbackDto) {
    return this.oidc.finish(dto);
  }
}
