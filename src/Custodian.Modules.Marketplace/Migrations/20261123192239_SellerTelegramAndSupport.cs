using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Custodian.Modules.Marketplace.Migrations
{
    /// <inheritdoc />
    internal partial class SellerTelegramAndSupport : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "confirmation_expires_at",
                table: "marketplace_sellers",
                nullable: true);

            migrationBuilder.AddColumn<byte[]>(
                name: "confirmation_token_hash",
                table: "marketplace_sellers",
                nullable: true);

            migrationBuilder.AddColumn<byte[]>(
                name: "telegram_chat_id",
                table: "marketplace_sellers",
                nullable: true);

            migrationBuilder.AddColumn<byte[]>(
                name: "telegram_index",
                table: "marketplace_sellers",
                nullable: true);

            migrationBuilder.AddColumn<byte[]>(
                name: "telegram_user_id",
                table: "marketplace_sellers",
                nullable: true);

            migrationBuilder.AddColumn<byte[]>(
                name: "telegram_username",
                table: "marketplace_sellers",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "marketplace_support_messages",
                columns: table => new
                {
                    id = table.Column<Guid>(nullable: false),
                    seller_id = table.Column<Guid>(nullable: false),
                    from_seller = table.Column<bool>(nullable: false),
                    channel = table.Column<string>(maxLength: 16, nullable: false),
                    support_message = table.Column<byte[]>(nullable: false),
                    at = table.Column<DateTime>(nullable: false),
                    answered_at = table.Column<DateTime>(nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_marketplace_support_messages", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_marketplace_sellers_confirmation_token_hash",
                table: "marketplace_sellers",
                column: "confirmation_token_hash");

            migrationBuilder.CreateIndex(
                name: "IX_marketplace_sellers_telegram_index",
                table: "marketplace_sellers",
                column: "telegram_index",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_marketplace_support_messages_seller_id_at",
                table: "marketplace_support_messages",
                columns: new[] { "seller_id", "at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "marketplace_support_messages");

            migrationBuilder.DropIndex(
                name: "IX_marketplace_sellers_confirmation_token_hash",
                table: "marketplace_sellers");

            migrationBuilder.DropIndex(
                name: "IX_marketplace_sellers_telegram_index",
                table: "marketplace_sellers");

            migrationBuilder.DropColumn(
                name: "confirmation_expires_at",
                table: "marketplace_sellers");

            migrationBuilder.DropColumn(
                name: "confirmation_token_hash",
                table: "marketplace_sellers");

            migrationBuilder.DropColumn(
                name: "telegram_chat_id",
                table: "marketplace_sellers");

            migrationBuilder.DropColumn(
                name: "telegram_index",
                table: "marketplace_sellers");

            migrationBuilder.DropColumn(
                name: "telegram_user_id",
                table: "marketplace_sellers");

            migrationBuilder.DropColumn(
                name: "telegram_username",
                table: "marketplace_sellers");
        }
    }
}
