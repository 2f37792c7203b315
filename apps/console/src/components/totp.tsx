// The pieces of a second factor that the login page and the account menu share: the authenticator's QR code and
// secret, the one-time recovery codes (copy, download, print), a copy button.
import { useState } from 'react';
import { Alert, App, Button, Checkbox, QRCode, Space, Typography } from 'antd';
import { CopyOutlined, DownloadOutlined, PrinterOutlined } from '@ant-design/icons';
import { saveBlob, type TotpSetup } from '../lib/api';
import { formatDateTime } from '../lib/format';

/** Copies text, also where navigator.clipboard is missing (a console served over plain http). */
export async function copyText(text: string): Promise<boolean> {
  try {
    if (navigator.clipboard && window.isSecureContext) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    // fall back below
  }
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.style.position = 'fixed';
  area.style.opacity = '0';
  document.body.appendChild(area);
  area.select();
  let ok: boolean;
  try {
    ok = document.execCommand('copy');
  } catch {
    ok = false;
  }
  area.remove();
  return ok;
}

export function CopyButton({ text, label, what }: { text: string; label: string; what: string }) {
  const { message } = App.useApp();
  return (
    <Button
      icon={<CopyOutlined />}
      onClick={async () => {
        if (await copyText(text)) message.success(`Đã sao chép ${what}`);
        else message.error('Trình duyệt không cho sao chép; hãy chọn và sao chép thủ công');
      }}
    >
      {label}
    </Button>
  );
}

/** An otpauth:// URL as a QR code (antd's own, drawn as SVG in the page: no image request, no extra package). */
export function QrCode({ value, size = 200 }: { value: string; size?: number }) {
  return (
    <div className="pa-qr" role="img" aria-label="Mã QR để quét bằng ứng dụng xác thực" data-testid="totp-qr">
      <QRCode value={value} type="svg" size={size} errorLevel="M" bordered={false} color="#000" bgColor="#fff" />
    </div>
  );
}

/** The base32 secret in groups of four, easier to type. */
const grouped = (secret: string) => secret.replace(/(.{4})(?=.)/g, '$1 ');

/** Step by step: install an app, scan (or open, on a phone), or type the secret. The code field is the caller's. */
export function TotpSetupPanel({ setup }: { setup: TotpSetup }) {
  return (
    <ol className="pa-steps">
      <li>Cài một ứng dụng xác thực trên điện thoại (Google Authenticator, Microsoft Authenticator, FreeOTP…).</li>
      <li>
        Quét mã QR này bằng ứng dụng:
        <div className="pa-qr-box">
          <QrCode value={setup.otpauthUrl} />
        </div>
        <Typography.Text type="secondary">
          Đang dùng điện thoại? <a href={setup.otpauthUrl}>Mở bằng ứng dụng xác thực trên máy này</a>.
        </Typography.Text>
      </li>
      <li>
        Hoặc nhập khóa bí mật này vào ứng dụng (loại: theo thời gian):
        <div className="pa-key pa-secret" data-testid="totp-secret">
          {grouped(setup.secret)}
        </div>
        <CopyButton text={setup.secret} label="Sao chép khóa" what="khóa bí mật" />
      </li>
      <li>Nhập mã 6 chữ số ứng dụng hiển thị để xác nhận.</li>
    </ol>
  );
}

/** Prints only the element with class pa-print-area (styles.css, @media print). */
function printArea(): void {
  document.body.classList.add('pa-printing');
  const done = () => {
    document.body.classList.remove('pa-printing');
    window.removeEventListener('afterprint', done);
  };
  window.addEventListener('afterprint', done);
  window.print();
}

/**
 * The ten recovery codes, shown this once: a warning, copy / download / print, and a box to tick before going on
 * (`onDone`).
 */
export function RecoveryCodes({
  codes,
  account,
  onDone,
  doneLabel,
}: {
  codes: string[];
  account: string;
  onDone: () => void;
  doneLabel: string;
}) {
  const [saved, setSaved] = useState(false);
  const text = [
    'Mã khôi phục đăng nhập — Phản ánh hiện trường',
    `Tài khoản: ${account}`,
    `Tạo lúc: ${formatDateTime(new Date())}`,
    'Mỗi mã dùng được một lần, thay cho mã của ứng dụng xác thực.',
    '',
    ...codes.map((c, i) => `${String(i + 1).padStart(2, ' ')}. ${c}`),
    '',
  ].join('\n');
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Alert
        type="warning"
        showIcon
        title="Lưu các mã khôi phục ngay bây giờ: chúng chỉ hiển thị một lần."
        description="Khi mất hoặc đổi điện thoại, mỗi mã dùng được một lần để đăng nhập thay cho mã của ứng dụng xác thực. Cất ở nơi an toàn (in ra giấy, trình quản lý mật khẩu), không gửi qua tin nhắn hay thư điện tử."
      />
      <div className="pa-print-area">
        <Typography.Text strong className="pa-print-only">
          Mã khôi phục — tài khoản {account}
        </Typography.Text>
        <ol className="pa-recovery-codes" aria-label="Mã khôi phục">
          {codes.map((c) => (
            <li key={c}>
              <code data-testid="recovery-code">{c}</code>
            </li>
          ))}
        </ol>
      </div>
      <Space wrap>
        <CopyButton text={text} label="Sao chép tất cả" what="các mã khôi phục" />
        <Button
          icon={<DownloadOutlined />}
          onClick={() =>
            saveBlob(`ma-khoi-phuc-${account}.txt`, new Blob([text], { type: 'text/plain;charset=utf-8' }))
          }
        >
          Tải về (.txt)
        </Button>
        <Button icon={<PrinterOutlined />} onClick={printArea}>
          In
        </Button>
      </Space>
      <Checkbox checked={saved} onChange={(e) => setSaved(e.target.checked)}>
        Tôi đã lưu các mã khôi phục ở nơi an toàn
      </Checkbox>
      <Button type="primary" block disabled={!saved} onClick={onDone}>
        {doneLabel}
      </Button>
    </Space>
  );
}
