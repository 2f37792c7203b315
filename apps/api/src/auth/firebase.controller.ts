import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import {
  ApiOkResponse,
  ApiProperty,
  ApiServiceUnavailableResponse,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';
import { FirebasePhoneSignIn, Public } from '@app/auth';
import { SessionDto } from './auth.responses';

class FirebaseSignInDto {
  @ApiProperty({ description: "the Firebase ID token of the app's phone sign-in (getIdToken())" })
  @IsString()
  @MinLength(20)
  @MaxLength(8192)
  idToken: string;
}

/** Sign-in with a phone proven through Firebase Authentication (docs/identity.md). */
@ApiTags('auth')
@Controller('api/v1/auth/firebase')
export class FirebaseAuthController {
  constructor(private readonly firebase: FirebasePhoneSignIn) {}

  @Post()
  @HttpCode(200)
  @Public()
  @ApiOkResponse({
    type: SessionDto,
    description: "a session for the account of the token's phone, created as a citizen's at the first sign-in",
  })
  @ApiUnauthorizedResponse({
    description:
      'UNAUTHENTICATED: the token does not verify, has expired, proves no Vietnamese mobile, or the phone is a staff account',
  })
  @ApiServiceUnavailableResponse({ description: 'SERVICE_UNAVAILABLE: FIREBASE_AUTH_PROJECT_ID is not set' })
  signIn(@Body() dto: FirebaseSignInDto) {
    return this.firebase.signIn(dto.idToken);
  }
}
