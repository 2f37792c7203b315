// Area alerts (docs/api.md#public): a citizen subscribes to a commune, a radius around a point or a category and
// hears in their inbox of new and resolved cases there; anyone can read the same area as an Atom feed.
import { useState } from 'preact/hooks';
import { api, errorText, query } from '../api';
import { MapView } from '../components/map';
import { PhoneLogin, useUser } from '../components/phone-login';
import { useApi, useCategories, useCommunes } from '../data';
import type { Point, Subscription } from '../types';

type Kind = Subscription['kind'];
const RADII = [500, 1000, 2000, 5000];

/** The Atom feed of one area, for a feed reader. */
const feedUrl = (s: Pick<Subscription, 'communeCode' | 'categoryId' | 'location' | 'radiusM'>) =>
  `/api/v1/public/feeds/area.atom${query({
    communeCode: s.communeCode,
    categoryId: s.categoryId,
    lat: s.location?.lat,
    lng: s.location?.lng,
    radiusM: s.location ? s.radiusM : undefined,
  })}`;

function Subscriptions() {
  const communes = useCommunes();
  const categories = useCategories();
  const list = useApi<Subscription[]>('/me/subscriptions', true);
  const [kind, setKind] = useState<Kind>('commune');
  const [communeCode, setCommuneCode] = useState('');
  const [categoryId, setCategoryId] = useState('');
  const [place, setPlace] = useState<Point | null>(null);
  const [radiusM, setRadiusM] = useState(1000);
  const [error, setError] = useState<string | null>(null);

  const nameOf = (s: Subscription) =>
    s.kind === 'commune'
      ? (communes.find((c) => c.code === s.communeCode)?.name ?? s.communeCode)
      : s.kind === 'category'
        ? `Lĩnh vực ${categories.find((c) => c.id === s.categoryId)?.name ?? ''}`
        : `Bán kính ${s.radiusM} m quanh ${s.location?.lat.toFixed(4)}, ${s.location?.lng.toFixed(4)}`;

  const run = async (work: () => Promise<unknown>) => {
    setError(null);
    try {
      await work();
      list.reload();
    } catch (e) {
      setError(errorText(e));
    }
  };
  const add = (e: Event) => {
    e.preventDefault();
    const body =
      kind === 'commune'
        ? { kind, communeCode }
        : kind === 'category'
          ? { kind, categoryId }
          : { kind, location: place, radiusM };
    if (kind === 'area' && !place) return setError('Hãy chọn một điểm trên bản đồ.');
    void run(() => api('/me/subscriptions', { method: 'POST', auth: true, body }));
  };

  return (
    <>
      <h2>Khu vực tôi theo dõi</h2>
      {list.error && <p role="alert">{list.error}</p>}
      <ul data-testid="subscriptions">
        {list.data?.map((s) => (
          <li key={s.id} class="pa-card">
            {nameOf(s)} · <a href={feedUrl(s)}>Atom</a>{' '}
            <button
              type="button"
              aria-label={`Bỏ theo dõi ${nameOf(s)}`}
              onClick={() => run(() => api(`/me/subscriptions/${s.id}`, { method: 'DELETE', auth: true }))}
            >
              Bỏ theo dõi
            </button>
          </li>
        ))}
      </ul>
      <form class="pa-form" onSubmit={add} aria-labelledby="them">
        <h3 id="them">Thêm khu vực</h3>
        <fieldset>
          <legend>Theo dõi theo</legend>
          {(
            [
              ['commune', 'Xã, phường'],
              ['area', 'Bán kính quanh một điểm'],
              ['category', 'Lĩnh vực'],
            ] as const
          ).map(([k, label]) => (
            <label class="pa-check" key={k}>
              <input type="radio" name="kind" checked={kind === k} onChange={() => setKind(k)} /> {label}
            </label>
          ))}
        </fieldset>
        {kind === 'commune' && (
          <label>
            Xã, phường
            <select required value={communeCode} onChange={(e) => setCommuneCode(e.currentTarget.value)}>
              <option value="">— Chọn —</option>
              {communes.map((c) => (
                <option key={c.code} value={c.code}>
                  {c.name}
                </option>
              ))}
            </select>
          </label>
        )}
        {kind === 'category' && (
          <label>
            Lĩnh vực
            <select required value={categoryId} onChange={(e) => setCategoryId(e.currentTarget.value)}>
              <option value="">— Chọn —</option>
              {categories.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
          </label>
        )}
        {kind === 'area' && (
          <>
            <MapView label="Chọn tâm khu vực" onPick={setPlace} picked={place} />
            <label>
              Bán kính
              <select value={radiusM} onChange={(e) => setRadiusM(Number(e.currentTarget.value))}>
                {RADII.map((r) => (
                  <option key={r} value={r}>
                    {r >= 1000 ? `${r / 1000} km` : `${r} m`}
                  </option>
                ))}
              </select>
            </label>
          </>
        )}
        {error && <p role="alert">{error}</p>}
        <button type="submit">Nhận thông báo</button>
      </form>
    </>
  );
}

export function AlertsPage() {
  const user = useUser();
  const communes = useCommunes();
  const [communeCode, setCommuneCode] = useState('');
  return (
    <section>
      <h1>Thông báo khu vực</h1>
      <p>Nhận thông báo khi có phản ánh mới hoặc phản ánh được xử lý xong ở nơi bạn quan tâm.</p>
      <div class="pa-box">
        <label>
          Nguồn tin Atom của xã, phường
          <select value={communeCode} onChange={(e) => setCommuneCode(e.currentTarget.value)}>
            <option value="">— Chọn —</option>
            {communes.map((c) => (
              <option key={c.code} value={c.code}>
                {c.name}
              </option>
            ))}
          </select>
        </label>
        {communeCode && (
          <p>
            <a href={feedUrl({ communeCode, categoryId: null, location: null, radiusM: null })} data-testid="atom">
              Đường dẫn Atom (dán vào trình đọc tin)
            </a>
          </p>
        )}
      </div>
      {user ? <Subscriptions /> : <PhoneLogin why="Xác thực số điện thoại để nhận thông báo trong hộp thư của bạn." />}
    </section>
  );
}
