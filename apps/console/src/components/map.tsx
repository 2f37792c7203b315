// Maps: a small read-only view of a report's point, and a picker for the hotline form. Tiles come from
// VITE_TILE_URL (build time, default OpenStreetMap). Without tiles (closed network, tile server down) the map is
// a grey box that still shows the point and still takes clicks: nothing else depends on tiles loading.
import 'leaflet/dist/leaflet.css';
import { useEffect } from 'react';
import { CircleMarker, MapContainer, TileLayer, useMap, useMapEvents } from 'react-leaflet';

const TILE_URL: string = import.meta.env.VITE_TILE_URL || 'https://tile.openstreetmap.org/{z}/{x}/{y}.png';
const ATTRIBUTION = TILE_URL.includes('openstreetmap.org')
  ? '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a>'
  : '';

/** The centre of Thái Nguyên city: where an empty picker opens. */
export const DEFAULT_CENTER = { lat: 21.5942, lng: 105.8482 };

export interface Point {
  lat: number;
  lng: number;
}

function Recenter({ point }: { point: Point }) {
  const map = useMap();
  useEffect(() => {
    map.setView([point.lat, point.lng], map.getZoom(), { animate: false });
  }, [map, point.lat, point.lng]);
  return null;
}

function ClickToPick({ onPick }: { onPick: (p: Point) => void }) {
  useMapEvents({
    click: (e) => onPick({ lat: Number(e.latlng.lat.toFixed(6)), lng: Number(e.latlng.lng.toFixed(6)) }),
  });
  return null;
}

export function MapView({ point, height = 200, label }: { point: Point; height?: number; label: string }) {
  return (
    <div className="pa-map" style={{ height }} role="img" aria-label={label}>
      <MapContainer
        center={[point.lat, point.lng]}
        zoom={16}
        style={{ height: '100%', width: '100%' }}
        scrollWheelZoom={false}
        keyboard={false}
        attributionControl={!!ATTRIBUTION}
      >
        <TileLayer url={TILE_URL} attribution={ATTRIBUTION} />
        <CircleMarker
          center={[point.lat, point.lng]}
          radius={9}
          pathOptions={{ color: '#c0392b', weight: 3, fillOpacity: 0.6 }}
        />
        <Recenter point={point} />
      </MapContainer>
    </div>
  );
}

export function MapPicker({
  value,
  onChange,
  height = 260,
}: {
  value: Point | null;
  onChange: (p: Point) => void;
  height?: number;
}) {
  const center = value ?? DEFAULT_CENTER;
  return (
    <div className="pa-map pa-map-picker" style={{ height }} data-testid="map-picker">
      <MapContainer
        center={[center.lat, center.lng]}
        zoom={15}
        style={{ height: '100%', width: '100%' }}
        attributionControl={!!ATTRIBUTION}
      >
        <TileLayer url={TILE_URL} attribution={ATTRIBUTION} />
        {value && (
          <CircleMarker
            center={[value.lat, value.lng]}
            radius={9}
            pathOptions={{ color: '#c0392b', weight: 3, fillOpacity: 0.6 }}
          />
        )}
        {value && <Recenter point={value} />}
        <ClickToPick onPick={onChange} />
      </MapContainer>
    </div>
  );
}
