import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App as AntApp, ConfigProvider } from 'antd';
import viVN from 'antd/locale/vi_VN';
import dayjs from 'dayjs';
import 'dayjs/locale/vi';
import { App } from './app';
import { SessionProvider } from './lib/session';
import { RealtimeProvider } from './lib/realtime';
import { ReferenceProvider } from './lib/reference';
import { QueryProvider } from './lib/queries';
import './styles.css';

dayjs.locale('vi');

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ConfigProvider
      locale={viVN}
      theme={{
        token: {
          colorPrimary: '#0b5cad',
          borderRadius: 6,
          fontFamily: "'Segoe UI', Roboto, 'Noto Sans', 'DejaVu Sans', 'Helvetica Neue', Arial, sans-serif",
        },
      }}
    >
      <AntApp>
        <SessionProvider>
          <ReferenceProvider>
            <RealtimeProvider>
              <QueryProvider>
                <App />
              </QueryProvider>
            </RealtimeProvider>
          </ReferenceProvider>
        </SessionProvider>
      </AntApp>
    </ConfigProvider>
  </StrictMode>,
);
