// The shapes the portal reads (docs/api.md#public, #reports): only the fields it shows.
import type { STATUS_LABEL } from '@app/workflow/labels';

export type Status = keyof typeof STATUS_LABEL;
export interface Point {
  lat: number;
  lng: number;
}
export interface Category {
  id: string;
  name: string;
}
export interface Agency {
  id: string;
  name: string;
  communeCode: string | null;
}
export interface ListItem {
  id: string;
  code: string;
  status: Status;
  categoryId: string;
  title: string | null;
  description: string;
  address: string | null;
  location: Point | null;
  createdAt: string;
}
export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}
export interface MapData {
  clusters: (Point & { count: number })[];
  points: (Point & { code: string; status: Status; categoryId: string })[];
}
export interface Photo {
  id: string;
  url: string;
}
export interface PublicCase {
  code: string;
  title: string | null;
  description: string;
  status: Status;
  category: { id: string; name: string };
  agency: { id: string; name: string } | null;
  commune: { code: string; name: string } | null;
  address: string | null;
  location: Point | null;
  createdAt: string;
  dueAt: string | null;
  handledAt: string | null;
  answer: string | null;
  photos: Photo[];
  resultPhotos: Photo[];
  rating: { satisfied: boolean; at: string } | null;
}
/** A report as its reporter (or a follower) reads it (docs/api.md#reports). */
export interface MyReport extends ListItem {
  version: number;
  allowedActions: string[];
  /** Only in the reporter's own view (a follower's lacks it): docs/api.md#reports. */
  isPublic?: boolean;
  rating?: { satisfied: boolean; comment: string | null } | null;
}
export interface Nearby {
  report: ListItem;
  distanceM: number;
}
export interface Subscription {
  id: string;
  kind: 'commune' | 'area' | 'category';
  communeCode: string | null;
  categoryId: string | null;
  location: Point | null;
  radiusM: number | null;
}
export interface IndicatorRow {
  id: string | null;
  code: string;
  name: string;
  received: number;
  handled: number;
  onTimeRate: number | null;
  satisfactionRate: number | null;
  avgHandlingDays: number | null;
}
export interface Indicators {
  rows: IndicatorRow[];
  trend: { month: string; received: number; handled: number; onTimeRate: number | null }[];
}
