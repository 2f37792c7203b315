import { classifyFcmError } from './push.service';

describe('classifyFcmError', () => {
  it.each([
    ['messaging/registration-token-not-registered', 'Requested entity was not found.', 'dead'],
    ['messaging/invalid-registration-token', 'Invalid registration token', 'dead'],
    ['messaging/invalid-argument', 'The registration token is not a valid FCM registration token', 'dead'],
    // A payload problem is ours, not the device's: keep the device.
    ['messaging/invalid-argument', 'Invalid JSON payload received.', 'failed'],
    ['messaging/server-unavailable', 'The service is currently unavailable.', 'retry'],
    ['messaging/internal-error', 'Internal error', 'retry'],
    ['messaging/unknown-error', 'Bad gateway', 'retry'],
    ['messaging/message-rate-exceeded', 'Quota exceeded', 'retry'],
    ['app/network-timeout', 'timeout', 'retry'],
    ['messaging/mismatched-credential', 'SenderId mismatch', 'failed'],
    ['messaging/third-party-auth-error', 'APNs auth', 'failed'],
  ])('%s (%s) → %s', (code, message, expected) => {
    expect(classifyFcmError({ code, message })).toBe(expected);
  });

  it('treats an error without a code as final', () => {
    expect(classifyFcmError(undefined)).toBe('failed');
  });
});
