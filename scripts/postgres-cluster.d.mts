export interface PostgresCluster {
  /** Superuser URL of the cluster's `postgres` database. */
  url: string;
  stop(): Promise<void>;
}
export declare function postgresBinDir(): string;
export declare function startPostgresCluster(): Promise<PostgresCluster>;
export declare function createDatabase(serverUrl: string, name: string): Promise<{ url: string; drop(): Promise<void> }>;
