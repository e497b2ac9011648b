import { createDatabase, type Database } from '@triage/server';
import { DataFolderInUseError } from '@triage/server/db/data-folder-lock';
import { listTenants } from '@triage/server/modules/tenants/tenants.repository';

export interface WorkspaceFlags {
  data?: string | undefined;
  tenant?: string | undefined;
}

/** Said in every data command's help: PGlite holds its folder exclusively. */
export const DATA_FOLDER_HELP =
  'PGlite data folder (else env TRIAGE_DATA_DIR, else ./.triage; ignored when DATABASE_URL is set). An embedded ' +
  'folder is locked by the process that opens it: stop `triage serve` before running this command on it.';

export const TENANT_HELP = 'tenant id (may be left out when the database holds exactly one tenant)';

/** Opens the same database `triage serve` would: DATABASE_URL when set, otherwise the PGlite folder. */
export async function openWorkspaceDatabase(
  flags: WorkspaceFlags,
  env: NodeJS.ProcessEnv = process.env,
): Promise<Database> {
  const url = env.DATABASE_URL || undefined;
  if (url && !/^postgres(ql)?:\/\//.test(url))
    throw new Error('DATABASE_URL must start with postgres:// or postgresql://');
  const dataDir = flags.data ?? env.TRIAGE_DATA_DIR ?? './.triage';
  try {
    return await createDatabase({ url, dataDir });
  } catch (error) {
    // Says already which folder, who holds it and what to do.
    if (error instanceof DataFolderInUseError) throw error;
    const where = url ? 'the PostgreSQL server in DATABASE_URL' : `the data folder ${dataDir}`;
    const why = error instanceof Error ? error.message : String(error);
    throw new Error(`could not open ${where}: ${why}`);
  }
}

export interface TenantChoice {
  id: string;
  name: string;
}

/**
 * The tenant a data command works on: the one named by --tenant, or the only one there is. Anything else is an
 * error that lists the tenants, so the user can pick without another command.
 */
export function chooseTenant(tenants: readonly TenantChoice[], wanted: string | undefined): TenantChoice {
  const listing = () =>
    tenants.length === 0
      ? 'the database has no tenants yet: create one with `triage tenant create <name>`'
      : `tenants:\n${tenants.map((t) => `  ${t.id}  ${t.name}`).join('\n')}`;
  if (wanted) {
    const found = tenants.find((t) => t.id === wanted.trim().toLowerCase());
    if (!found) throw new Error(`no tenant with id ${wanted}; ${listing()}`);
    return found;
  }
  if (tenants.length === 1) return tenants[0]!;
  if (tenants.length === 0) throw new Error(listing());
  throw new Error(`${tenants.length} tenants exist: choose one with --tenant <id>; ${listing()}`);
}

export async function resolveTenant(database: Database, wanted: string | undefined): Promise<TenantChoice> {
  const tenants = await listTenants(database.db);
  return chooseTenant(
    tenants.map((t) => ({ id: t.id, name: t.name })),
    wanted,
  );
}
