export * from './units';
export * from './policy';
export * from './scoring';
export * from './stages';
export * from './hygiene';
export * from './frameworks';
export * from './predictive';
export * from './signals';
