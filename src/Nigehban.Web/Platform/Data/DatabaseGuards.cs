using Microsoft.EntityFrameworkCore;

namespace Nigehban.Web.Platform.Data;

/// <summary>
/// Database-level rules the application itself cannot be trusted to keep: audit events, their seals
/// and audit checkpoints can be inserted but never updated or deleted. Applied after every migration run
/// (idempotent), so they survive regenerated migrations.
/// </summary>
/// <remarks>
/// A trigger stops the application's own code and anyone who reaches the database through it;
/// it does not stop the table's owner, who can drop it. In production the migrations run as the
/// owning role and the application connects as a role with only INSERT and SELECT on these
/// tables (docs/decisions/ADR-004-audit-hash-chain.md); tampering beyond that is what the hash
/// chain and the exported checkpoints detect.
/// </remarks>
public static class DatabaseGuards
{
    public static async Task ApplyAsync(NigehbanDbContext db, CancellationToken cancellationToken)
    {
        if (db.IsPostgres)
        {
            await db.Database.ExecuteSqlRawAsync("""
                CREATE OR REPLACE FUNCTION nigehban_audit_is_append_only() RETURNS trigger AS $$
                BEGIN
                  RAISE EXCEPTION '% is append-only', TG_TABLE_NAME;
                END $$ LANGUAGE plpgsql;
                CREATE OR REPLACE TRIGGER audit_events_append_only
                  BEFORE UPDATE OR DELETE ON audit_events
                  FOR EACH ROW EXECUTE FUNCTION nigehban_audit_is_append_only();
                CREATE OR REPLACE TRIGGER audit_events_no_truncate
                  BEFORE TRUNCATE ON audit_events
                  FOR EACH STATEMENT EXECUTE FUNCTION nigehban_audit_is_append_only();
                CREATE OR REPLACE TRIGGER audit_seals_append_only
                  BEFORE UPDATE OR DELETE ON audit_seals
                  FOR EACH ROW EXECUTE FUNCTION nigehban_audit_is_append_only();
                CREATE OR REPLACE TRIGGER audit_seals_no_truncate
                  BEFORE TRUNCATE ON audit_seals
                  FOR EACH STATEMENT EXECUTE FUNCTION nigehban_audit_is_append_only();
                CREATE OR REPLACE TRIGGER audit_checkpoints_append_only
                  BEFORE UPDATE OR DELETE ON audit_checkpoints
                  FOR EACH ROW EXECUTE FUNCTION nigehban_audit_is_append_only();
                CREATE OR REPLACE TRIGGER audit_checkpoints_no_truncate
                  BEFORE TRUNCATE ON audit_checkpoints
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
                CREATE TRIGGER IF NOT EXISTS audit_seals_no_update BEFORE UPDATE ON audit_seals
                BEGIN SELECT RAISE(ABORT, 'audit_seals is append-only'); END;
                CREATE TRIGGER IF NOT EXISTS audit_seals_no_delete BEFORE DELETE ON audit_seals
                BEGIN SELECT RAISE(ABORT, 'audit_seals is append-only'); END;
                CREATE TRIGGER IF NOT EXISTS audit_checkpoints_no_update BEFORE UPDATE ON audit_checkpoints
                BEGIN SELECT RAISE(ABORT, 'audit_checkpoints is append-only'); END;
                CREATE TRIGGER IF NOT EXISTS audit_checkpoints_no_delete BEFORE DELETE ON audit_checkpoints
                BEGIN SELECT RAISE(ABORT, 'audit_checkpoints is append-only'); END;
                """, cancellationToken);
        }
    }
}
