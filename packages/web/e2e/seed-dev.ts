import { createClient } from '@triage/contracts';
import { seedE2eLeads } from './seed-leads';

// Usage: npx tsx packages/web/e2e/seed-dev.ts http://localhost:3100 <api key>
const [baseUrl = 'http://localhost:3000', apiKey = ''] = process.argv.slice(2);
const ids = await seedE2eLeads(createClient({ baseUrl, apiKey }));
process.stdout.write(`${JSON.stringify(ids, null, 2)}\n`);
