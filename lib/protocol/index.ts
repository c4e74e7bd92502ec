export * from './version';
export * from './errors';
export * from './events';
export * from './schemas';
export * from './event-maps';
