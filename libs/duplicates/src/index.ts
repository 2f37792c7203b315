export * from './auto-assign.policy';
export * from './auto-assign.service';
export * from './candidate-search';
export * from './candidate-store';
export * from './duplicate-score';
export * from './duplicates.module';
export * from './duplicates.service';
export * from './followers.service';
