using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Custodian.Modules.Marketplace.Migrations
{
    /// <inheritdoc />
    internal partial class ShareLinks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
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
                name: "marketplace_embed_settings");

            migrationBuilder.DropTable(
                name: "marketplace_share_links");
        }
    }
}
