using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Custodian.Privacy.Migrations
{
    /// <summary>
    /// PostgreSQL compresses audit blocks (2.4x) with lz4 instead of the default pglz: bulk appends measured
    /// 0.17x → 0.32x of raw SHA-256 and verification 0.63x → 0.90x (bench/RESULTS.md). Servers built without lz4
    /// (or older than 14) keep pglz. SQLite stores blocks uncompressed.
    /// </summary>
    internal partial class AuditBlocksLz4 : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            if (migrationBuilder.IsNpgsql())
            {
                migrationBuilder.Sql("""
                    DO $$ BEGIN
                      IF EXISTS (SELECT 1 FROM pg_settings WHERE name = 'default_toast_compression' AND 'lz4' = ANY(enumvals)) THEN
                        ALTER TABLE privacy_audit_blocks ALTER COLUMN entries SET COMPRESSION lz4;
                      END IF;
                    END $$;
                    """);
            }
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            if (migrationBuilder.IsNpgsql())
            {
                migrationBuilder.Sql("ALTER TABLE privacy_audit_blocks ALTER COLUMN entries SET COMPRESSION default;");
            }
        }
    }
}
