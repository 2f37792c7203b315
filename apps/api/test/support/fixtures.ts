import { randomUUID } from 'node:crypto';
import { UsersService } from '@app/auth';
import { normalizeVnMobile } from '@app/common';
import { AgenciesService, CategoriesService } from '@app/reference';
import type { Role } from '@app/workflow';
import { testSmsServer } from './sms-server';
import type { TestApp } from './test-app';

export interface Login {
  id: string;
  token: string;
  roles: Role[];
  agencyId: string | null;
}

const PASSWORD = 'Passw0rd!x';
let phoneCounter = 0;

/** A fresh Vietnamese mobile number per call, unique within a test run. */
export const nextPhone = () =>
  `09${String(process.pid % 100).padStart(2, '0')}${String(++phoneCounter).padStart(6, '0')}`;

export async function staff(t: TestApp, roles: Role[], agencyId?: string): Promise<Login & { refreshToken: string }> {
  const username = `u${randomUUID().slice(0, 12)}`;
  const user = await t.app
    .get(UsersService)
    .createStaff({ username, password: PASSWORD, fullName: `Cán bộ ${username}`, roles, agencyId });
  const res = await t.http().post('/api/v1/auth/login').send({ login: username, password: PASSWORD }).expect(200);
  return {
    id: user.id,
    token: res.body.accessToken,
    refreshToken: res.body.refreshToken,
    roles,
    agencyId: agencyId ?? null,
  };
}

/** Asks for a one-time code for the phone and reads it from the tests' SMS provider, as the phone's holder would. */
export async function codeFor(t: TestApp, phone: string, purpose: 'register' | 'login' | 'reset'): Promise<string> {
  const e164 = normalizeVnMobile(phone)!;
  const before = testSmsServer().server.to(e164).length;
  await t.http().post('/api/v1/auth/otp').send({ phone, purpose }).expect(202);
  return testSmsServer().server.codeFor(e164, before + 1);
}

/** POST /auth/register with the code the phone received; expects `status`. */
export async function registered(
  t: TestApp,
  body: { phone: string; password: string; fullName: string },
  status = 201,
) {
  const code = await codeFor(t, body.phone, 'register');
  return t
    .http()
    .post('/api/v1/auth/register')
    .send({ ...body, code })
    .expect(status);
}

/** A citizen who registered through the real routes: proved the phone by code, chose a password. */
export async function citizen(
  t: TestApp,
  fullName = 'Nguyễn Thị Dân',
  phone = nextPhone(),
): Promise<Login & { phone: string; refreshToken: string }> {
  const res = await registered(t, { phone, password: PASSWORD, fullName });
  return {
    id: res.body.user.id,
    token: res.body.accessToken,
    refreshToken: res.body.refreshToken,
    roles: ['citizen'],
    agencyId: null,
    phone: res.body.user.phone,
  };
}

export const CITIZEN_PASSWORD = PASSWORD;

export async function agency(t: TestApp, name = 'Sở Xây dựng') {
  return t.app.get(AgenciesService).create({ code: `a-${randomUUID().slice(0, 8)}`, name });
}

export async function category(t: TestApp, over: Record<string, unknown> = {}) {
  const input = { code: `c-${randomUUID().slice(0, 8)}`, name: 'Giao thông', ...over };
  return t.app.get(CategoriesService).create(input as Parameters<CategoriesService['create']>[0]);
}

/** The cast of a workflow test: one user per role, two agencies, one category routed to the first. */
export async function cast(t: TestApp) {
  const agencyA = await agency(t, 'Sở Xây dựng');
  const agencyB = await agency(t, 'Công ty Điện lực');
  const cat = await category(t, { defaultAgencyId: agencyA.id });
  const [screener, operator, leader, admin, officerA, leaderA, officerB, reporter, otherCitizen] = await Promise.all([
    staff(t, ['screener']),
    staff(t, ['operator']),
    staff(t, ['leader']),
    staff(t, ['admin']),
    staff(t, ['agency_officer'], agencyA.id),
    staff(t, ['agency_leader'], agencyA.id),
    staff(t, ['agency_officer'], agencyB.id),
    citizen(t, 'Nguyễn Văn Báo'),
    citizen(t, 'Trần Thị Khác'),
  ]);
  return {
    agencyA,
    agencyB,
    category: cat,
    screener,
    operator,
    leader,
    admin,
    officerA,
    leaderA,
    officerB,
    reporter,
    otherCitizen,
  };
}

export const THAI_NGUYEN = { lat: 21.5942, lng: 105.8482 };

export const reportBody = (categoryId: string, over: Record<string, unknown> = {}) => ({
  categoryId,
  description: 'Ổ gà lớn giữa đường Hoàng Văn Thụ, nguy hiểm cho xe máy',
  location: THAI_NGUYEN,
  address: 'Đường Hoàng Văn Thụ, phường Phan Đình Phùng',
  ...over,
});
