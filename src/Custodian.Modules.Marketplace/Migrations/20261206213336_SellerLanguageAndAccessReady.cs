using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Custodian.Modules.Marketplace.Migrations
{
    /// <inheritdoc />
    internal partial class SellerLanguageAndAccessReady : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "language",
                table: "marketplace_sellers",
                maxLength: 8,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "access_ready_notice_sent_at",
                table: "marketplace_accounts",
                nullable: true);

            // Accounts that delivered data before the notice existed count as told: their sellers see the data already,
            // and "your data is ready" months later would only puzzle them. The time marks when collection began.
            migrationBuilder.Sql("""
                UPDATE marketplace_accounts SET access_ready_notice_sent_at = added_at
                WHERE EXISTS (SELECT 1 FROM marketplace_sync_checkpoints c WHERE c.account_id = marketplace_accounts.id AND c.last_success_at IS NOT NULL)
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // Plain DROP COLUMN (PostgreSQL, and SQLite since 3.35) runs inside the migration's transaction.
            migrationBuilder.Sql("ALTER TABLE marketplace_accounts DROP COLUMN access_ready_notice_sent_at");
            migrationBuilder.Sql("ALTER TABLE marketplace_sellers DROP COLUMN language");
        }
    }
}
