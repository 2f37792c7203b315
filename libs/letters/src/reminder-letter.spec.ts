import { escapeHtml, letterFileName, renderLetterHtml } from './reminder-letter';
import { excerpt } from './overdue.service';

describe('reminder letter rendering', () => {
  it('escapes every character that could start markup or leave an attribute', () => {
    expect(escapeHtml(`<img src=x onerror="a('b')"> & co`)).toBe(
      '&lt;img src=x onerror=&quot;a(&#39;b&#39;)&quot;&gt; &amp; co',
    );
  });

  it("names the download after the agency and the letter's local date", () => {
    const name = letterFileName('Sở-XD', new Date('2026-11-22T20:00:00Z'), 'pdf');
    expect(name).toEqual({ utf8: 'don-doc-Sở-XD-2026-11-23.pdf', ascii: 'don-doc-So-XD-2026-11-23.pdf' });
    expect(letterFileName('đ"x', '2026-11-23', 'html').ascii).toBe('don-doc-d-x-2026-11-23.html');
  });

  it('renders agency names and report text as text', () => {
    const html = renderLetterHtml({
      provinceName: 'Thái Nguyên',
      agency: { id: 'a', code: 'a', name: 'Sở <b>Xây dựng</b>' },
      cases: [
        {
          reportId: 'r',
          code: 'PA-2026-000001',
          title: '<script>x()</script>',
          status: 'assigned',
          agencyId: 'a',
          agencyName: 'Sở Xây dựng',
          categoryId: 'c',
          dueAt: new Date('2026-11-20T09:00:00Z'),
          escalationLevel: 3,
          overdueWorkingMinutes: 675,
          overdueWorkingDays: 1.5,
        },
      ],
      issuedAt: new Date('2026-11-23T02:00:00Z'),
    });
    expect(html).not.toMatch(/<script|<b>/);
    expect(html).toContain('&lt;script&gt;x()&lt;/script&gt;');
    expect(html).toContain('Kính gửi: Sở &lt;b&gt;Xây dựng&lt;/b&gt;');
    expect(html).toContain('<td class="c">20/11/2026 16:00</td><td class="c">1,5</td>');
    expect(html).toContain('UBND TỈNH THÁI NGUYÊN');
  });

  it('summarises a long description at a word boundary', () => {
    const text = 'Ổ gà '.repeat(60);
    const short = excerpt(text, 40);
    expect(short.length).toBeLessThanOrEqual(40);
    expect(short.endsWith('…')).toBe(true);
    expect(short).not.toMatch(/\s…$/);
    expect(excerpt('  một\n\nhai  ')).toBe('một hai');
  });
});
