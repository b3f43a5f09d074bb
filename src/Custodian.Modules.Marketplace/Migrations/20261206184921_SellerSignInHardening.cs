using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Custodian.Modules.Marketplace.Migrations
{
    /// <inheritdoc />
    internal partial class SellerSignInHardening : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_marketplace_sellers_sign_in_token_hash",
                table: "marketplace_sellers");

            // The one-link-per-seller columns give way to marketplace_sign_in_links. Plain DROP COLUMN (PostgreSQL, and
            // SQLite since 3.35) runs inside the migration's transaction; EF's DropColumn would rebuild the SQLite table
            // outside it. The expiry is dropped, not renamed: it never said when a window of links began.
            migrationBuilder.Sql("ALTER TABLE marketplace_sellers DROP COLUMN sign_in_token_hash");
            migrationBuilder.Sql("ALTER TABLE marketplace_sellers DROP COLUMN sign_in_expires_at");

            migrationBuilder.AddColumn<DateTime>(
                name: "sign_in_window_start",
                table: "marketplace_sellers",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "sign_ins_in_window",
                table: "marketplace_sellers",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateTable(
                name: "marketplace_sign_in_links",
                columns: table => new
                {
                    token_hash = table.Column<byte[]>(nullable: false),
                    seller_id = table.Column<Guid>(nullable: false),
                    expires_at = table.Column<DateTime>(nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_marketplace_sign_in_links", x => x.token_hash);
                });

            migrationBuilder.CreateTable(
                name: "marketplace_used_telegram_logins",
                columns: table => new
                {
                    digest = table.Column<byte[]>(nullable: false),
                    expires_at = table.Column<DateTime>(nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_marketplace_used_telegram_logins", x => x.digest);
                });

            migrationBuilder.CreateIndex(
                name: "IX_marketplace_sign_in_links_expires_at",
                table: "marketplace_sign_in_links",
                column: "expires_at");

            migrationBuilder.CreateIndex(
                name: "IX_marketplace_sign_in_links_seller_id",
                table: "marketplace_sign_in_links",
                column: "seller_id");

            migrationBuilder.CreateIndex(
                name: "IX_marketplace_used_telegram_logins_expires_at",
                table: "marketplace_used_telegram_logins",
                column: "expires_at");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "marketplace_sign_in_links");

            migrationBuilder.DropTable(
                name: "marketplace_used_telegram_logins");

            migrationBuilder.Sql("ALTER TABLE marketplace_sellers DROP COLUMN sign_ins_in_window");
            migrationBuilder.Sql("ALTER TABLE marketplace_sellers DROP COLUMN sign_in_window_start");

            migrationBuilder.AddColumn<DateTime>(
                name: "sign_in_expires_at",
                table: "marketplace_sellers",
                nullable: true);

            migrationBuilder.AddColumn<byte[]>(
                name: "sign_in_token_hash",
                table: "marketplace_sellers",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_marketplace_sellers_sign_in_token_hash",
                table: "marketplace_sellers",
                column: "sign_in_token_hash");
        }
    }
}
