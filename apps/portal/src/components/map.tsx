// A Leaflet map, loaded on first use in its own chunk. Tiles may be unreachable (a phone's network, a blocked tile
// server): markers still draw on the blank map and every page offers the same in a list or a form field.
import 'leaflet/dist/leaflet.css';
import { useEffect, useRef, useState } from 'preact/hooks';
import type * as Leaflet from 'leaflet';
import type { Point, Status } from '../types';

/** The province's centre, where a map opens before it knows better. */
export const HOME_VIEW = { center: { lat: 21.5942, lng: 105.8482 }, zoom: 12 };

export interface Marker extends Point {
  /** A cluster of this many reports, or one report (count 1) with its code. */
  count: number;
  code?: string;
  status?: Status;
}

interface Props {
  label: string;
  markers?: Marker[];
  /** The visible box (`minLng,minLat,maxLng,maxLat`) and zoom, at start and after each move. */
  onView?: (bbox: string, zoom: number) => void;
  onSelect?: (code: string) => void;
  /** Choosing a point by clicking the map; `picked` is shown as the chosen point. */
  onPick?: (p: Point) => void;
  picked?: Point | null;
}

export function MapView({ label, markers = [], onView, onSelect, onPick, picked }: Props) {
  const box = useRef<HTMLDivElement>(null);
  const map = useRef<{ L: typeof Leaflet; map: Leaflet.Map; layer: Leaflet.LayerGroup } | null>(null);
  const [ready, setReady] = useState(false);
  const [tilesDown, setTilesDown] = useState(false);
  const handlers = useRef({ onView, onSelect, onPick });
  handlers.current = { onView, onSelect, onPick };

  useEffect(() => {
    let gone = false;
    void import('leaflet').then(({ default: L }) => {
      if (gone || !box.current) return;
      const m = L.map(box.current, { zoomControl: true }).setView(HOME_VIEW.center, HOME_VIEW.zoom);
      L.tileLayer(import.meta.env.VITE_TILE_URL as string, {
        maxZoom: 19,
        attribution: '© OpenStreetMap',
      })
        .once('tileerror', () => setTilesDown(true))
        .addTo(m);
      const layer = L.layerGroup().addTo(m);
      const report = () => {
        const b = m.getBounds();
        handlers.current.onView?.(
          [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()].map((x) => x.toFixed(5)).join(','),
          m.getZoom(),
        );
      };
      m.on('moveend', report);
      m.on('click', (e: Leaflet.LeafletMouseEvent) =>
        handlers.current.onPick?.({ lat: e.latlng.lat, lng: e.latlng.lng }),
      );
      map.current = { L, map: m, layer };
      setReady(true);
      report();
    });
    return () => {
      gone = true;
      map.current?.map.remove();
      map.current = null;
    };
  }, []);

  useEffect(() => {
    const current = map.current;
    if (!current) return;
    const { L, layer } = current;
    layer.clearLayers();
    for (const mk of markers) {
      if (mk.count > 1) {
        L.marker([mk.lat, mk.lng], {
          icon: L.divIcon({ className: 'pa-cluster', html: String(mk.count), iconSize: [36, 36] }),
          title: `${mk.count} phản ánh`,
          keyboard: false,
        })
          .on('click', () => current.map.setView([mk.lat, mk.lng], current.map.getZoom() + 2))
          .addTo(layer);
      } else {
        L.circleMarker([mk.lat, mk.lng], { radius: 8, className: `pa-dot pa-dot-${mk.status ?? 'received'}` })
          .bindTooltip(mk.code ?? '')
          .on('click', () => mk.code && handlers.current.onSelect?.(mk.code))
          .addTo(layer);
      }
    }
    if (picked) {
      L.circleMarker([picked.lat, picked.lng], { radius: 10, className: 'pa-picked' }).addTo(layer);
      // A point from the phone's position may be off the map: bring it into view.
      if (!current.map.getBounds().contains([picked.lat, picked.lng])) current.map.panTo([picked.lat, picked.lng]);
    }
  }, [markers, picked, ready]);

  return (
    <div>
      <div ref={box} class="pa-map" role="region" aria-label={label} />
      {tilesDown && (
        <p class="pa-meta" data-testid="tiles-down">
          Không tải được nền bản đồ (mạng chậm hoặc bị chặn): các điểm vẫn hiển thị và chọn được trên bản đồ.
        </p>
      )}
    </div>
  );
}
