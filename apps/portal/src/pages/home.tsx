// The front door: the published cases on a map (clustered by the server) and in a list, with the same filters.
import { useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { query } from '../api';
import { FilterForm, useFilters } from '../components/filters';
import { MapView, type Marker } from '../components/map';
import { useApi } from '../data';
import { formatDate, StatusTag } from '../format';
import type { ListItem, MapData, Page } from '../types';

const PAGE_SIZE = 10;

export function Home() {
  const [filters, setFilters] = useFilters();
  const { route } = useLocation();
  const [view, setView] = useState<{ bbox: string; zoom: number } | null>(null);
  const [page, setPage] = useState(1);
  const map = useApi<MapData>(view && `/public/map${query({ ...view, ...filters })}`);
  const list = useApi<Page<ListItem>>(`/public/reports${query({ ...filters, page, pageSize: PAGE_SIZE })}`);
  const markers: Marker[] = map.data ? [...map.data.clusters, ...map.data.points.map((p) => ({ ...p, count: 1 }))] : [];
  const pages = list.data ? Math.max(1, Math.ceil(list.data.total / PAGE_SIZE)) : 1;

  return (
    <>
      <h1>Phản ánh của người dân</h1>
      <p class="pa-lead">
        Xem các phản ánh đã được tiếp nhận và kết quả xử lý. Thấy vấn đề mới? <a href="/gui-phan-anh">Gửi phản ánh</a>.
      </p>
      <FilterForm
        filters={filters}
        onChange={(f) => {
          setPage(1);
          setFilters(f);
        }}
      />
      <div class="pa-home">
        <MapView
          label="Bản đồ phản ánh"
          markers={markers}
          onView={(bbox, zoom) => setView({ bbox, zoom })}
          onSelect={(code) => route(`/phan-anh/${code}`)}
        />
        <section aria-labelledby="ds" class="pa-list">
          <h2 id="ds">Danh sách{list.data ? ` (${list.data.total.toLocaleString('vi-VN')})` : ''}</h2>
          {list.error && <p role="alert">{list.error}</p>}
          {list.data && list.data.items.length === 0 && <p>Không có phản ánh nào phù hợp.</p>}
          <ul data-testid="public-list" aria-busy={list.loading}>
            {list.data?.items.map((r) => (
              <li key={r.id} class="pa-card">
                <a href={`/phan-anh/${r.code}`}>
                  <strong>{r.title || r.description.slice(0, 80)}</strong>
                </a>
                <div class="pa-meta">
                  <StatusTag status={r.status} /> <span>{r.code}</span> · <span>{formatDate(r.createdAt)}</span>
                </div>
                {r.address && <div class="pa-meta">{r.address}</div>}
              </li>
            ))}
          </ul>
          {pages > 1 && (
            <nav class="pa-pager" aria-label="Trang">
              <button type="button" disabled={page <= 1} onClick={() => setPage(page - 1)}>
                Trang trước
              </button>
              <span>
                Trang {page}/{pages}
              </span>
              <button type="button" disabled={page >= pages} onClick={() => setPage(page + 1)}>
                Trang sau
              </button>
            </nav>
          )}
        </section>
      </div>
    </>
  );
}
