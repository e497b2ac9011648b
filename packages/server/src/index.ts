export { type AppOptions, buildApp } from './app';
export { type AppContext, createContext } from './context';
export { createDatabase, type Database, type Db } from './db/create-db';
export { type CreatedTenant, createTenant } from './modules/tenants/tenants.service';
