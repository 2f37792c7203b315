// Reporting from the web: a proven phone, the category and words, photos, the place (a point on the map or the
// phone's position, the address as written, the commune if the citizen knows it: else the server finds it from the
// point), and the duplicate hint while typing (docs/api.md#reports).
import { useEffect, useState } from 'preact/hooks';
import { api, errorText, query } from '../api';
import { MapView } from '../components/map';
import { PhoneLogin, useUser } from '../components/phone-login';
import { useCategories, useCommunes } from '../data';
import { StatusTag } from '../format';
import type { ListItem, Nearby, Point } from '../types';

const MAX_PHOTOS = 5;

/** Reports nearby that may be the same problem, asked again when the words stop changing for a moment. */
function useNearby(categoryId: string, place: Point | null, description: string): Nearby[] {
  const [found, setFound] = useState<Nearby[]>([]);
  useEffect(() => {
    if (!categoryId || !place || description.trim().length < 10) return setFound([]);
    let live = true;
    const timer = setTimeout(() => {
      api<Nearby[]>(`/reports/nearby${query({ ...place, categoryId, description })}`).then(
        (r) => live && setFound(r.slice(0, 3)),
        () => undefined,
      );
    }, 500);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [categoryId, place, description]);
  return found;
}

function DuplicateHint({ found }: { found: Nearby[] }) {
  const [followed, setFollowed] = useState<Record<string, string>>({});
  if (!found.length) return null;
  const follow = async (r: ListItem) => {
    try {
      await api(`/reports/${r.id}/follow`, { method: 'POST', auth: true });
      setFollowed((f) => ({ ...f, [r.id]: 'Đã theo dõi' }));
    } catch (e) {
      setFollowed((f) => ({ ...f, [r.id]: errorText(e) }));
    }
  };
  return (
    <div class="pa-hint" role="status" aria-labelledby="trung">
      <p id="trung">
        <strong>Có thể đã có người phản ánh vấn đề này gần đây — theo dõi thay vì gửi mới?</strong>
      </p>
      <ul>
        {found.map(({ report: r, distanceM }) => (
          <li key={r.id}>
            <a href={`/phan-anh/${r.code}`} target="_blank" rel="noopener">
              {r.title || r.description.slice(0, 80)}
            </a>{' '}
            <StatusTag status={r.status} /> · cách {Math.round(distanceM)} m{' '}
            {followed[r.id] ?? (
              <button type="button" onClick={() => follow(r)}>
                Theo dõi {r.code}
              </button>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}

export function ReportPage() {
  const user = useUser();
  const categories = useCategories();
  const communes = useCommunes();
  const [categoryId, setCategoryId] = useState('');
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [address, setAddress] = useState('');
  const [communeCode, setCommuneCode] = useState('');
  const [place, setPlace] = useState<Point | null>(null);
  const [photos, setPhotos] = useState<File[]>([]);
  const [isPublic, setIsPublic] = useState(true);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const nearby = useNearby(categoryId, place, description);

  if (!user) return <PhoneLogin why="Để gửi phản ánh, hãy xác thực số điện thoại của bạn bằng mã gửi qua SMS." />;
  if (done)
    return (
      <section class="pa-box" role="status">
        <h1>Đã gửi phản ánh</h1>
        <p>
          Mã phản ánh của bạn: <strong data-testid="new-code">{done}</strong>. Trung tâm sẽ sàng lọc và chuyển cơ quan
          xử lý; bạn theo dõi tiến độ tại <a href="/theo-doi">Phản ánh của tôi</a>.
        </p>
      </section>
    );

  const locate = () =>
    navigator.geolocation?.getCurrentPosition(
      (p) => setPlace({ lat: p.coords.latitude, lng: p.coords.longitude }),
      () => setError('Không lấy được vị trí của thiết bị: hãy chọn trên bản đồ.'),
    );

  const submit = async (e: Event) => {
    e.preventDefault();
    if (!place) return setError('Hãy chọn vị trí trên bản đồ hoặc dùng vị trí hiện tại.');
    setBusy(true);
    setError(null);
    try {
      const attachmentIds: string[] = [];
      for (const file of photos) {
        const form = new FormData();
        form.append('file', file);
        attachmentIds.push((await api<{ id: string }>('/attachments', { method: 'POST', form, auth: true })).id);
      }
      const created = await api<{ code: string }>('/reports', {
        method: 'POST',
        auth: true,
        body: {
          categoryId,
          description,
          title: title || undefined,
          address: address || undefined,
          communeCode: communeCode || undefined,
          location: place,
          attachmentIds,
          isPublic,
        },
      });
      setDone(created.code);
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="pa-form" onSubmit={submit} aria-labelledby="gui">
      <h1 id="gui">Gửi phản ánh</h1>
      <label>
        Lĩnh vực *
        <select required value={categoryId} onChange={(e) => setCategoryId(e.currentTarget.value)}>
          <option value="">— Chọn lĩnh vực —</option>
          {categories.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        Tiêu đề
        <input maxLength={200} value={title} onInput={(e) => setTitle(e.currentTarget.value)} />
      </label>
      <label>
        Nội dung phản ánh *
        <textarea
          required
          rows={5}
          maxLength={2000}
          value={description}
          onInput={(e) => setDescription(e.currentTarget.value)}
        />
      </label>
      <DuplicateHint found={nearby} />
      <fieldset>
        <legend>Vị trí *</legend>
        <MapView label="Chọn vị trí trên bản đồ" onPick={setPlace} picked={place} />
        <p>
          <button type="button" onClick={locate}>
            Dùng vị trí hiện tại
          </button>{' '}
          <span role="status" data-testid="place">
            {place ? `Đã chọn: ${place.lat.toFixed(5)}, ${place.lng.toFixed(5)}` : 'Chưa chọn vị trí'}
          </span>
        </p>
        <label>
          Địa chỉ (số nhà, đường, tổ/xóm)
          <input maxLength={500} value={address} onInput={(e) => setAddress(e.currentTarget.value)} />
        </label>
        <label>
          Xã, phường (nếu không chọn, hệ thống tìm theo vị trí)
          <select value={communeCode} onChange={(e) => setCommuneCode(e.currentTarget.value)}>
            <option value="">— Tìm theo vị trí —</option>
            {communes.map((c) => (
              <option key={c.code} value={c.code}>
                {c.name}
              </option>
            ))}
          </select>
        </label>
      </fieldset>
      <label>
        Ảnh hiện trường (tối đa {MAX_PHOTOS})
        <input
          type="file"
          accept="image/jpeg,image/png,image/webp,image/heic"
          multiple
          onChange={(e) => setPhotos(Array.from(e.currentTarget.files ?? []).slice(0, MAX_PHOTOS))}
        />
      </label>
      <label class="pa-check">
        <input type="checkbox" checked={isPublic} onChange={(e) => setIsPublic(e.currentTarget.checked)} />
        Cho phép công khai phản ánh (không công khai tên và số điện thoại)
      </label>
      {error && <p role="alert">{error}</p>}
      <button type="submit" class="pa-primary" disabled={busy}>
        {busy ? 'Đang gửi…' : 'Gửi phản ánh'}
      </button>
    </form>
  );
}
