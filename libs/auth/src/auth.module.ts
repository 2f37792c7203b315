import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { SmsModule } from '@app/sms';
import { AccessRulesCheck, RouteTable } from './access-rules.check';
import { AccountService } from './account.service';
import { AttemptBudget } from './attempt-budget';
import { AuthGuard } from './auth.guard';
import { AuthService } from './auth.service';
import { FirebasePhoneSignIn } from './firebase-phone';
import { LoginThrottleService } from './login-throttle.service';
import { MfaService } from './mfa.service';
import { OIDC_SERVICES } from './oidc';
import { OtpService } from './otp.service';
import { PersonalDataService } from './personal-data.service';
import { PhoneAuthService } from './phone-auth.service';
import { ProvenPhones } from './proven-phones.service';
import { SessionGate } from './session-gate';
import { SessionIssuer } from './session-issuer';
import { TokenService } from './token.service';
import { UsersService } from './users.service';

const SERVICES = [
  TokenService,
  SessionGate,
  SessionIssuer,
  AuthService,
  PhoneAuthService,
  AccountService,
  UsersService,
  AttemptBudget,
  LoginThrottleService,
  OtpService,
  ProvenPhones,
  MfaService,
  PersonalDataService,
  AuthGuard,
  RouteTable,
  ...OIDC_SERVICES,
  FirebasePhoneSignIn,
];

@Module({
  imports: [DiscoveryModule, SmsModule],
  providers: [...SERVICES, AccessRulesCheck],
  exports: SERVICES,
})
export class AuthModule {}
