using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Custodian.Modules.Marketplace.Migrations
{
    /// <inheritdoc />
    internal partial class SellerDashboardsTwo : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "marketplace_cost_prices",
                columns: table => new
                {
                    id = table.Column<Guid>(nullable: false),
                    seller_id = table.Column<Guid>(nullable: false),
                    account_id = table.Column<Guid>(nullable: false),
                    sku = table.Column<long>(nullable: false),
                    cost = table.Column<decimal>(precision: 18, scale: 2, nullable: false),
                    valid_from = table.Column<DateOnly>(nullable: false),
                    updated_at = table.Column<DateTime>(nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_marketplace_cost_prices", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "marketplace_digest_preferences",
                columns: table => new
                {
                    seller_id = table.Column<Guid>(nullable: false),
                    in_telegram = table.Column<bool>(nullable: false),
                    by_email = table.Column<bool>(nullable: false),
                    updated_at = table.Column<DateTime>(nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_marketplace_digest_preferences", x => x.seller_id);
                });

            migrationBuilder.CreateTable(
                name: "marketplace_digests_sent",
                columns: table => new
                {
                    id = table.Column<Guid>(nullable: false),
                    seller_id = table.Column<Guid>(nullable: false),
                    day = table.Column<DateOnly>(nullable: false),
                    claimed_at = table.Column<DateTime>(nullable: false),
                    sent_at = table.Column<DateTime>(nullable: true),
                    channels = table.Column<string>(maxLength: 40, nullable: false),
                    unsubscribe_token_hash = table.Column<byte[]>(nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_marketplace_digests_sent", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "marketplace_embed_settings",
                columns: table => new
                {
                    seller_id = table.Column<Guid>(nullable: false),
                    secret = table.Column<byte[]>(nullable: true),
                    allowed_origins = table.Column<string>(maxLength: 2048, nullable: false),
                    updated_at = table.Column<DateTime>(nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_marketplace_embed_settings", x => x.seller_id);
                });

            migrationBuilder.CreateTable(
                name: "marketplace_share_links",
                columns: table => new
                {
                    id = table.Column<Guid>(nullable: false),
                    seller_id = table.Column<Guid>(nullable: false),
                    account_ids = table.Column<string>(maxLength: 1024, nullable: false),
                    dashboard = table.Column<string>(maxLength: 32, nullable: false),
                    from_day = table.Column<DateOnly>(nullable: true),
                    to_day = table.Column<DateOnly>(nullable: true),
                    filters = table.Column<string>(maxLength: 1024, nullable: false),
                    token_hash = table.Column<byte[]>(nullable: false),
                    created_at = table.Column<DateTime>(nullable: false),
                    expires_at = table.Column<DateTime>(nullable: true),
                    revoked_at = table.Column<DateTime>(nullable: true),
                    last_used_at = table.Column<DateTime>(nullable: true),
                    views = table.Column<long>(nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_marketplace_share_links", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "marketplace_tax_settings",
                columns: table => new
                {
                    seller_id = table.Column<Guid>(nullable: false),
                    regime = table.Column<string>(maxLength: 40, nullable: false),
                    usn_rate = table.Column<decimal>(precision: 5, scale: 2, nullable: true),
                    updated_at = table.Column<DateTime>(nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_marketplace_tax_settings", x => x.seller_id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_marketplace_cost_prices_account_id_sku_valid_from",
                table: "marketplace_cost_prices",
                columns: new[] { "account_id", "sku", "valid_from" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_marketplace_cost_prices_seller_id",
                table: "marketplace_cost_prices",
                column: "seller_id");

            migrationBuilder.CreateIndex(
                name: "IX_marketplace_digests_sent_seller_id_day",
                table: "marketplace_digests_sent",
                columns: new[] { "seller_id", "day" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_marketplace_digests_sent_unsubscribe_token_hash",
                table: "marketplace_digests_sent",
                column: "unsubscribe_token_hash");

            migrationBuilder.CreateIndex(
                name: "IX_marketplace_share_links_seller_id",
                table: "marketplace_share_links",
                column: "seller_id");

            migrationBuilder.CreateIndex(
                name: "IX_marketplace_share_links_token_hash",
                table: "marketplace_share_links",
                column: "token_hash",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "marketplace_cost_prices");

            migrationBuilder.DropTable(
                name: "marketplace_digest_preferences");

            migrationBuilder.DropTable(
                name: "marketplace_digests_sent");

            migrationBuilder.DropTable(
                name: "marketplace_embed_settings");

            migrationBuilder.DropTable(
                name: "marketplace_share_links");

            migrationBuilder.DropTable(
                name: "marketplace_tax_settings");
        }
    }
}
