using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Custodian.Modules.Marketplace.Migrations
{
    /// <inheritdoc />
    internal partial class SellerSignInLinks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
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

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_marketplace_sellers_sign_in_token_hash",
                table: "marketplace_sellers");

            migrationBuilder.DropColumn(
                name: "sign_in_expires_at",
                table: "marketplace_sellers");

            migrationBuilder.DropColumn(
                name: "sign_in_token_hash",
                table: "marketplace_sellers");
        }
    }
}
