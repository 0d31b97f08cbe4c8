import * as mysql from "mysql2/promise";

// The project's wrapper: every query goes through DB.query.
export default class DB {
  static pool = mysql.createPool({ host: "localhost" });

  static async query(sql: string, params?: unknown[]) {
    const pool = await DB.connection();
    return pool.query(sql, params);
  }

  private static async connection() {
    return DB.pool;
  }
}

export async function migrate() {
  await DB.query(`CREATE TABLE IF NOT EXISTS app_state (
    name varchar(25) NOT NULL,
    number int(11) NULL,
    CONSTRAINT app_state_name UNIQUE (name)
  ) ENGINE=InnoDB`);
}
