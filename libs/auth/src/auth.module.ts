import { Global, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { AccessRulesCheck, RouteTable } from './access-rules.check';
import { AttemptBudget } from './attempt-budget';
import { AuthGuard } from './auth.guard';
import { AuthService } from './auth.service';
import { LoginThrottleService } from './login-throttle.service';
import { PersonalDataService } from './personal-data.service';
import { TokenService } from './token.service';
import { UsersService } from './users.service';

@Global()
@Module({
  imports: [DiscoveryModule],
  providers: [TokenService, AuthService, UsersService, AttemptBudget, LoginThrottleService, PersonalDataService, AuthGuard, RouteTable, AccessRulesCheck],
  exports: [TokenService, AuthService, UsersService, AttemptBudget, LoginThrottleService, PersonalDataService, AuthGuard, RouteTable],
})
export class AuthModule {}
