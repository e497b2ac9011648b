export * from './accounts.schemas';
export * from './analytics.schemas';
export * from './assessments.schemas';
export * from './common.schemas';
export * from './events.schemas';
export * from './leads.schemas';
export * from './policy.schemas';
