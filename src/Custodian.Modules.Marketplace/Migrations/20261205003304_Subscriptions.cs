using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Custodian.Modules.Marketplace.Migrations
{
    /// <inheritdoc />
    internal partial class Subscriptions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "marketplace_subscriptions",
                columns: table => new
                {
                    id = table.Column<Guid>(nullable: false),
                    seller_id = table.Column<Guid>(nullable: false),
                    plan_id = table.Column<string>(maxLength: 16, nullable: false),
                    starts_at = table.Column<DateTime>(nullable: false),
                    ends_at = table.Column<DateTime>(nullable: false),
                    price_amount = table.Column<decimal>(precision: 18, scale: 2, nullable: false),
                    price_currency = table.Column<string>(maxLength: 3, nullable: false),
                    recorded_at = table.Column<DateTime>(nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_marketplace_subscriptions", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_marketplace_subscriptions_seller_id",
                table: "marketplace_subscriptions",
                column: "seller_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "marketplace_subscriptions");
        }
    }
}
