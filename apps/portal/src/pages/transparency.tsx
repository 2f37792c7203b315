// Transparency: the Decision 766 indicators per agency or per commune over the last twelve months, and the month
// trend, as the leadership sees them, without personal data (docs/api.md#public).
import { useState } from 'preact/hooks';
import { query } from '../api';
import { useApi } from '../data';
import { percent } from '../format';
import type { Indicators } from '../types';

const days = (d: number | null) => (d === null ? '—' : `${d.toLocaleString('vi-VN', { maximumFractionDigits: 1 })}`);

/** The month trend as bars of the handled cases with the on-time rate beside: plain HTML, no chart library. */
function Trend({ trend }: { trend: Indicators['trend'] }) {
  const top = Math.max(1, ...trend.map((t) => t.received));
  return (
    <table class="pa-table pa-trend">
      <caption>Theo tháng</caption>
      <thead>
        <tr>
          <th scope="col">Tháng</th>
          <th scope="col">Tiếp nhận</th>
          <th scope="col">Đã xử lý</th>
          <th scope="col">Đúng hạn</th>
        </tr>
      </thead>
      <tbody>
        {trend.map((t) => (
          <tr key={t.month}>
            <th scope="row">{t.month.split('-').reverse().join('/')}</th>
            <td>
              <span class="pa-bar" style={{ width: `${(t.received / top) * 100}%` }} aria-hidden="true" />
              {t.received}
            </td>
            <td>{t.handled}</td>
            <td>{percent(t.onTimeRate)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function TransparencyPage() {
  const [groupBy, setGroupBy] = useState<'agency' | 'commune'>('agency');
  const { data, error } = useApi<Indicators>(`/public/indicators${query({ groupBy, months: 12 })}`);
  return (
    <section>
      <h1>Kết quả xử lý phản ánh</h1>
      <p>
        Chỉ số theo Quyết định 766/QĐ-TTg trong 12 tháng gần nhất: tỷ lệ xử lý đúng hạn, mức độ hài lòng, thời gian xử
        lý.
      </p>
      <fieldset class="pa-tabs">
        <legend>Xem theo</legend>
        <label class="pa-check">
          <input type="radio" name="group" checked={groupBy === 'agency'} onChange={() => setGroupBy('agency')} /> Cơ
          quan xử lý
        </label>
        <label class="pa-check">
          <input type="radio" name="group" checked={groupBy === 'commune'} onChange={() => setGroupBy('commune')} /> Xã,
          phường
        </label>
      </fieldset>
      {error && <p role="alert">{error}</p>}
      {data && (
        <>
          <div class="pa-scroll">
            <table class="pa-table" data-testid="indicators">
              <caption>{groupBy === 'agency' ? 'Theo cơ quan xử lý' : 'Theo xã, phường'}</caption>
              <thead>
                <tr>
                  <th scope="col">{groupBy === 'agency' ? 'Cơ quan' : 'Xã, phường'}</th>
                  <th scope="col">Tiếp nhận</th>
                  <th scope="col">Đã xử lý</th>
                  <th scope="col">Đúng hạn</th>
                  <th scope="col">Hài lòng</th>
                  <th scope="col">Số ngày xử lý (TB)</th>
                </tr>
              </thead>
              <tbody>
                {data.rows.map((r) => (
                  <tr key={r.code}>
                    <th scope="row">{r.name}</th>
                    <td>{r.received}</td>
                    <td>{r.handled}</td>
                    <td>{percent(r.onTimeRate)}</td>
                    <td>{percent(r.satisfactionRate)}</td>
                    <td>{days(r.avgHandlingDays)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div class="pa-scroll">
            <Trend trend={data.trend} />
          </div>
        </>
      )}
    </section>
  );
}
