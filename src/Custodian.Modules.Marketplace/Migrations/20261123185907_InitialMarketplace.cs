using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Custodian.Modules.Marketplace.Migrations
{
    /// <inheritdoc />
    internal partial class InitialMarketplace : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "marketplace_accounts",
                columns: table => new
                {
                    id = table.Column<Guid>(nullable: false),
                    seller_id = table.Column<Guid>(nullable: false),
                    marketplace = table.Column<string>(maxLength: 16, nullable: false),
                    wildberries_token = table.Column<byte[]>(nullable: true),
                    ozon_client_id = table.Column<byte[]>(nullable: true),
                    ozon_api_key = table.Column<byte[]>(nullable: true),
                    key_tail = table.Column<string>(maxLength: 8, nullable: false),
                    key_expires_at = table.Column<DateTime>(nullable: true),
                    key_categories = table.Column<string>(maxLength: 300, nullable: true),
                    status = table.Column<string>(maxLength: 16, nullable: false),
                    status_detail = table.Column<string>(maxLength: 300, nullable: true),
                    added_at = table.Column<DateTime>(nullable: false),
                    revoked_at = table.Column<DateTime>(nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_marketplace_accounts", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "marketplace_sellers",
                columns: table => new
                {
                    id = table.Column<Guid>(nullable: false),
                    subject_id = table.Column<Guid>(nullable: false),
                    email = table.Column<byte[]>(nullable: false),
                    email_index = table.Column<byte[]>(nullable: false),
                    full_name = table.Column<byte[]>(nullable: true),
                    source = table.Column<string>(maxLength: 16, nullable: false),
                    status = table.Column<string>(maxLength: 16, nullable: false),
                    created_at = table.Column<DateTime>(nullable: false),
                    closed_at = table.Column<DateTime>(nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_marketplace_sellers", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "marketplace_sync_checkpoints",
                columns: table => new
                {
                    account_id = table.Column<Guid>(nullable: false),
                    dataset = table.Column<string>(maxLength: 40, nullable: false),
                    cursor = table.Column<string>(maxLength: 200, nullable: true),
                    rows_loaded = table.Column<long>(nullable: false),
                    rows_rejected = table.Column<long>(nullable: false),
                    last_attempt_at = table.Column<DateTime>(nullable: true),
                    last_success_at = table.Column<DateTime>(nullable: true),
                    last_error = table.Column<string>(maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_marketplace_sync_checkpoints", x => new { x.account_id, x.dataset });
                });

            migrationBuilder.CreateIndex(
                name: "IX_marketplace_accounts_seller_id",
                table: "marketplace_accounts",
                column: "seller_id");

            migrationBuilder.CreateIndex(
                name: "IX_marketplace_sellers_email_index",
                table: "marketplace_sellers",
                column: "email_index",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_marketplace_sellers_subject_id",
                table: "marketplace_sellers",
                column: "subject_id",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "marketplace_accounts");

            migrationBuilder.DropTable(
                name: "marketplace_sellers");

            migrationBuilder.DropTable(
                name: "marketplace_sync_checkpoints");
        }
    }
}
