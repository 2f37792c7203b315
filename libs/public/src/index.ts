export * from './area-feed.service';
export * from './public-indicators.service';
export * from './public-map';
export * from './public-reports.service';
export * from './public.module';
export * from './publication.service';
export * from './subscriptions.service';
