// The order Jest starts test files in. With the timings of an earlier run on this machine (Jest's cache) it keeps
// Jest's own order: failed first, then the longest first. On a fresh clone, as in CI, Jest knows no timings and
// starts the biggest files first; the browser tests are not the biggest files but are the longest by far (a real
// API, worker and Chromium each), and one of them starting last kept a worker busy for minutes after the other had
// finished. So, without timings, the browser tests start first, then the rest by size.
const Sequencer = require('@jest/test-sequencer').default;

const isBrowserTest = (test) => test.context.config.displayName?.name === 'browser';

class BrowserFirstSequencer extends Sequencer {
  sort(tests) {
    const sorted = super.sort(tests);
    if (sorted.every((test) => test.duration != null)) return sorted;
    return [...sorted.filter(isBrowserTest), ...sorted.filter((test) => !isBrowserTest(test))];
  }
}

module.exports = BrowserFirstSequencer;
