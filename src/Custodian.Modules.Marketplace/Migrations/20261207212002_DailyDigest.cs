using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Custodian.Modules.Marketplace.Migrations
{
    /// <inheritdoc />
    internal partial class DailyDigest : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
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

            migrationBuilder.CreateIndex(
                name: "IX_marketplace_digests_sent_seller_id_day",
                table: "marketplace_digests_sent",
                columns: new[] { "seller_id", "day" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_marketplace_digests_sent_unsubscribe_token_hash",
                table: "marketplace_digests_sent",
                column: "unsubscribe_token_hash");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "marketplace_digest_preferences");

            migrationBuilder.DropTable(
                name: "marketplace_digests_sent");
        }
    }
}
