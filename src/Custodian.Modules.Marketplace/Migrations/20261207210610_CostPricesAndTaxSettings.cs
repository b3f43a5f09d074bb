using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Custodian.Modules.Marketplace.Migrations
{
    /// <inheritdoc />
    internal partial class CostPricesAndTaxSettings : Migration
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
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "marketplace_cost_prices");

            migrationBuilder.DropTable(
                name: "marketplace_tax_settings");
        }
    }
}
