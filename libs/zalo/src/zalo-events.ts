/**
 * The webhook events of a Zalo Official Account that matter to intake (docs/channels.md#zalo), read from Zalo's
 * JSON into one small shape. Everything else (stickers, files, seen receipts…) is `other` and only acknowledged.
 */
export type ZaloInbound =
  | { kind: 'text'; text: string }
  | { kind: 'location'; lat: number; lng: number }
  | { kind: 'image'; urls: string[]; text: string }
  | { kind: 'follow' }
  | { kind: 'other' };

export interface ZaloEvent {
  eventName: string;
  /** The Zalo user's id with this OA (`sender.id`, or `follower.id` for follow events). */
  userId: string;
  /** Zalo's message id; null for events that are not messages. */
  msgId: string | null;
  timestamp: string;
  inbound: ZaloInbound;
}

type Json = Record<string, unknown>;
const obj = (v: unknown): Json => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : {});
const str = (v: unknown): string | null => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : null);
const ZALO_ID = /^\d{1,32}$/;

/** Zalo writes coordinates as numbers or strings, as `latitude`/`longitude` (the documented form) or `lat`/`long`. */
function coordinates(payload: Json): { lat: number; lng: number } | null {
  const c = obj(payload.coordinates);
  const lat = Number(str(c.latitude) ?? str(c.lat));
  const lng = Number(str(c.longitude) ?? str(c.long) ?? str(c.lng));
  return Number.isFinite(lat) && Number.isFinite(lng) && (lat !== 0 || lng !== 0) ? { lat, lng } : null;
}

function inboundOf(eventName: string, message: Json): ZaloInbound {
  const attachments = Array.isArray(message.attachments) ? message.attachments.map(obj) : [];
  const text = (str(message.text) ?? '').trim();
  switch (eventName) {
    case 'user_send_text':
      return text ? { kind: 'text', text } : { kind: 'other' };
    case 'user_send_location': {
      const point = attachments.map((a) => coordinates(obj(a.payload))).find((p) => p !== null);
      return point ? { kind: 'location', ...point } : { kind: 'other' };
    }
    case 'user_send_image': {
      const urls = attachments
        .filter((a) => a.type === 'image')
        .map((a) => str(obj(a.payload).url))
        .filter((u): u is string => !!u);
      return urls.length ? { kind: 'image', urls, text } : { kind: 'other' };
    }
    case 'follow':
      return { kind: 'follow' };
    default:
      return { kind: 'other' };
  }
}

/** The event of a verified webhook body, or null when it names no Zalo user (nothing to answer). */
export function parseZaloEvent(body: unknown): ZaloEvent | null {
  const b = obj(body);
  const eventName = str(b.event_name) ?? '';
  const userId = str(obj(b.sender).id) ?? str(obj(b.follower).id);
  if (!eventName || !userId || !ZALO_ID.test(userId)) return null;
  const message = obj(b.message);
  return {
    eventName,
    userId,
    msgId: str(message.msg_id),
    timestamp: str(b.timestamp) ?? '',
    inbound: inboundOf(eventName, message),
  };
}
