// A case's public page, by its code (a link anyone can share): what was reported, who handles it, the deadline and
// the date handled, the published answer with its photos, the rating (docs/api.md#public).
import { useRoute } from 'preact-iso';
import { useApi } from '../data';
import { formatDate, StatusTag } from '../format';
import type { Photo, PublicCase } from '../types';

function Photos({ photos, label }: { photos: Photo[]; label: string }) {
  if (!photos.length) return null;
  return (
    <ul class="pa-photos" aria-label={label}>
      {photos.map((p, i) => (
        <li key={p.id}>
          <a href={p.url} target="_blank" rel="noopener">
            <img src={p.url} alt={`${label} ${i + 1}`} loading="lazy" width={160} height={120} />
          </a>
        </li>
      ))}
    </ul>
  );
}

export function CasePage() {
  const { params } = useRoute();
  const { data: c, error } = useApi<PublicCase>(`/public/reports/by-code/${encodeURIComponent(params.code)}`);
  if (error) return <p role="alert">{error}</p>;
  if (!c) return <p aria-busy="true">Đang tải…</p>;
  return (
    <article class="pa-case" data-testid="case">
      <p class="pa-meta">
        <span>{c.code}</span> · <StatusTag status={c.status} />
      </p>
      <h1>{c.title || c.category.name}</h1>
      <p class="pa-text">{c.description}</p>
      <Photos photos={c.photos} label="Ảnh hiện trường" />
      <dl class="pa-facts">
        <dt>Lĩnh vực</dt>
        <dd>{c.category.name}</dd>
        <dt>Địa điểm</dt>
        <dd>{[c.address, c.commune?.name].filter(Boolean).join(', ') || '—'}</dd>
        <dt>Cơ quan xử lý</dt>
        <dd>{c.agency?.name ?? 'Đang phân loại'}</dd>
        <dt>Ngày gửi</dt>
        <dd>{formatDate(c.createdAt)}</dd>
        <dt>Hạn xử lý</dt>
        <dd>{c.dueAt ? formatDate(c.dueAt) : '—'}</dd>
        <dt>Ngày xử lý xong</dt>
        <dd>{c.handledAt ? formatDate(c.handledAt) : 'Chưa xử lý xong'}</dd>
      </dl>
      {c.answer && (
        <section aria-labelledby="kq" class="pa-box">
          <h2 id="kq">Kết quả xử lý</h2>
          <p class="pa-text">{c.answer}</p>
          <Photos photos={c.resultPhotos} label="Ảnh kết quả" />
        </section>
      )}
      {c.rating && (
        <p>
          Người phản ánh đánh giá: <strong>{c.rating.satisfied ? 'Hài lòng' : 'Không hài lòng'}</strong> (
          {formatDate(c.rating.at)})
        </p>
      )}
      <p>
        <a href="/">← Các phản ánh khác</a>
      </p>
    </article>
  );
}
