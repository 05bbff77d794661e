export * from './common.ts';
export * from './lesson.ts';
export * from './person.ts';
export * from './retro.ts';
export * from './decision.ts';
export * from './experiment.ts';
export * from './digest.ts';
export * from './site-options.ts';
