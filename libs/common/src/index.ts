export * from './errors';
export * from './http-exception.filter';
export * from './validation';
export * from './phone';
export * from './text';
export * from './pagination';
export * from './log-privacy';
