import type { AuthUser } from '@app/auth';
import { AttachmentAccess, variantFor } from './attachment-variant';

const user = (id: string, roles: string[], agencyId: string | null = null) =>
  ({ id, roles, agencyId }) as unknown as AuthUser;
const reporter = user('reporter', ['citizen']);
const officer = user('officer', ['agency_officer'], 'agency-a');
const otherOfficer = user('other', ['agency_officer'], 'agency-b');
const screener = user('screener', ['screener']);
const stranger = user('stranger', ['citizen']);

const photo = (
  over: Partial<AttachmentAccess['report']> = {},
  attachment: Partial<AttachmentAccess> = {},
): AttachmentAccess => ({
  ownerId: 'reporter',
  isPublic: true,
  hasCleanedCopy: true,
  report: { agencyId: 'agency-a', reporterId: 'reporter', published: false, agencySeesReporter: false, ...over },
  ...attachment,
});

describe('variantFor', () => {
  it.each([
    ['the owner', reporter, photo(), 'original'],
    ['centre staff', screener, photo(), 'original'],
    ['the officer of the case, who may not know the reporter', officer, photo(), 'cleaned'],
    ['the officer of the case, who may know the reporter', officer, photo({ agencySeesReporter: true }), 'original'],
    [
      'the officer of the case, contact refused, no cleaned copy (HEIC)',
      officer,
      photo({}, { hasCleanedCopy: false }),
      null,
    ],
    ['the officer of the case, their own result photo', officer, photo({}, { ownerId: 'officer' }), 'original'],
    ['an officer of another agency', otherOfficer, photo(), null],
    ["the reporter, the agency's result photo", reporter, photo({}, { ownerId: 'officer' }), 'cleaned'],
    ['the reporter, a private result photo', reporter, photo({}, { ownerId: 'officer', isPublic: false }), null],
    ['a stranger, a non-public report', stranger, photo(), null],
    ['anyone, a published report', undefined, photo({ published: true }), 'cleaned'],
    [
      'anyone, a published report, no cleaned copy',
      undefined,
      photo({ published: true }, { hasCleanedCopy: false }),
      null,
    ],
    ['anyone, an unclaimed upload', undefined, photo({}, { report: null }), null],
  ])('%s', (_, viewer, access, expected) => {
    expect(variantFor(access, viewer)).toBe(expected);
  });
});
