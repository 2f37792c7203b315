// The citizens' portal (docs/architecture.md#portal): Preact with preact-iso's router; each page but the home is its
// own chunk, loaded when first opened, so the first load stays small on a phone on 3G.
import { render, type ComponentType } from 'preact';
import { ErrorBoundary, lazy, LocationProvider, Route, Router, useLocation } from 'preact-iso';
import { Home } from './pages/home';
import './styles.css';

/** A page whose code could not be fetched (a network that dropped) says so, instead of a blank screen. */
function Unavailable() {
  return (
    <p role="alert">
      Không tải được trang này (mạng chập chờn?).{' '}
      <button type="button" onClick={() => location.reload()}>
        Thử lại
      </button>
    </p>
  );
}
const page = (load: () => Promise<ComponentType>) => lazy(() => load().catch(() => Unavailable));

const CasePage = page(() => import('./pages/case').then((m) => m.CasePage));
const ReportPage = page(() => import('./pages/report').then((m) => m.ReportPage));
const TrackPage = page(() => import('./pages/track').then((m) => m.TrackPage));
const AlertsPage = page(() => import('./pages/alerts').then((m) => m.AlertsPage));
const TransparencyPage = page(() => import('./pages/transparency').then((m) => m.TransparencyPage));

/** The pages; the API answers exactly these paths with the portal (apps/api/src/portal/portal.controller.ts). */
const NAV = [
  ['/', 'Bản đồ phản ánh'],
  ['/gui-phan-anh', 'Gửi phản ánh'],
  ['/theo-doi', 'Phản ánh của tôi'],
  ['/thong-bao-khu-vuc', 'Thông báo khu vực'],
  ['/minh-bach', 'Kết quả xử lý'],
] as const;

function Header() {
  const { path } = useLocation();
  return (
    <header class="pa-header">
      <a class="pa-skip" href="#noi-dung">
        Bỏ qua đến nội dung chính
      </a>
      <a class="pa-brand" href="/">
        {SITE}
      </a>
      <nav aria-label="Chính">
        <ul>
          {NAV.map(([href, label]) => (
            <li key={href}>
              <a href={href} aria-current={path === href ? 'page' : undefined}>
                {label}
              </a>
            </li>
          ))}
        </ul>
      </nav>
    </header>
  );
}

const SITE = 'Phản ánh hiện trường';

/** The page's title, from its path. */
function setTitle(url: string) {
  const path = url.split('?')[0];
  const label = path.startsWith('/phan-anh/')
    ? `Phản ánh ${decodeURIComponent(path.slice('/phan-anh/'.length)).toUpperCase()}`
    : NAV.find(([href]) => href === path)?.[1];
  document.title = label && path !== '/' ? `${label} — ${SITE}` : SITE;
}

/**
 * On moving to another page (not on the first load), its title changes and the focus moves to its content, so a
 * screen reader announces it and the keyboard starts there.
 */
function onPageChange(url: string) {
  setTitle(url);
  document.getElementById('noi-dung')?.focus();
}

function NotFound() {
  return (
    <section>
      <h1>Không tìm thấy trang</h1>
      <p>
        <a href="/">Về trang chủ</a>
      </p>
    </section>
  );
}

function App() {
  return (
    <LocationProvider>
      <Header />
      <main id="noi-dung" tabIndex={-1}>
        <ErrorBoundary>
          <Router onRouteChange={onPageChange}>
            <Route path="/" component={Home} />
            <Route path="/phan-anh/:code" component={CasePage} />
            <Route path="/gui-phan-anh" component={ReportPage} />
            <Route path="/theo-doi" component={TrackPage} />
            <Route path="/thong-bao-khu-vuc" component={AlertsPage} />
            <Route path="/minh-bach" component={TransparencyPage} />
            <Route default component={NotFound} />
          </Router>
        </ErrorBoundary>
      </main>
      <footer class="pa-footer">Trung tâm Phục vụ hành chính công — đường dây nóng 1022</footer>
    </LocationProvider>
  );
}

setTitle(location.pathname);
render(<App />, document.getElementById('app') as HTMLElement);
