using Microsoft.EntityFrameworkCore;

namespace Nigehban.Web.Platform.Data;

/// <summary>
/// Database-level rules the application itself cannot be trusted to keep: audit rows can be
/// inserted but never updated or deleted. Applied after every migration run (idempotent), so
/// they survive regenerated migrations.
/// </summary>
public static class DatabaseGuards
{
    public static async Task ApplyAsync(NigehbanDbContext db, CancellationToken cancellationToken)
    {
        if (db.IsPostgres)
        {
            await db.Database.ExecuteSqlRawAsync("""
                CREATE OR REPLACE FUNCTION nigehban_audit_is_append_only() RETURNS trigger AS $$
                BEGIN
                  RAISE EXCEPTION 'audit_events is append-only';
                END $$ LANGUAGE plpgsql;
                CREATE OR REPLACE TRIGGER audit_events_append_only
                  BEFORE UPDATE OR DELETE ON audit_events
                  FOR EACH ROW EXECUTE FUNCTION nigehban_audit_is_append_only();
                CREATE OR REPLACE TRIGGER audit_events_no_truncate
                  BEFORE TRUNCATE ON audit_events
                  FOR EACH STATEMENT EXECUTE FUNCTION nigehban_audit_is_append_only();
                """, cancellationToken);
        }
        else
        {
            await db.Database.ExecuteSqlRawAsync("""
                CREATE TRIGGER IF NOT EXISTS audit_events_no_update BEFORE UPDATE ON audit_events
                BEGIN SELECT RAISE(ABORT, 'audit_events is append-only'); END;
                CREATE TRIGGER IF NOT EXISTS audit_events_no_delete BEFORE DELETE ON audit_events
                BEGIN SELECT RAISE(ABORT, 'audit_events is append-only'); END;
                """, cancellationToken);
        }
    }
}
