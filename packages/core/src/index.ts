export * from './frameworks';
export * from './hygiene';
export * from './policy';
export * from './predictive';
export * from './scoring';
export * from './signals';
export * from './stages';
export * from './units';
