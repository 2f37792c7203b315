import { Module } from '@nestjs/common';
// Relative, not '@app/open311': jest.config.js maps only letters and dashes after '@app/' (no digits), so the
// alias would not resolve under Jest. Switch these imports once its moduleNameMapper accepts [a-z0-9-].
import { Open311Module } from '../../../../libs/open311/src';
import { Open311Controller } from './open311.controller';

@Module({
  imports: [Open311Module],
  controllers: [Open311Controller],
})
export class Open311ApiModule {}
