using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Custodian.Modules.Marketplace.Migrations
{
    /// <inheritdoc />
    internal partial class StockThresholds : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "marketplace_stock_thresholds",
                columns: table => new
                {
                    id = table.Column<Guid>(nullable: false),
                    seller_id = table.Column<Guid>(nullable: false),
                    account_id = table.Column<Guid>(nullable: false),
                    sku = table.Column<long>(nullable: false),
                    threshold = table.Column<int>(nullable: false),
                    updated_at = table.Column<DateTime>(nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_marketplace_stock_thresholds", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_marketplace_stock_thresholds_account_id_sku",
                table: "marketplace_stock_thresholds",
                columns: new[] { "account_id", "sku" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_marketplace_stock_thresholds_seller_id",
                table: "marketplace_stock_thresholds",
                column: "seller_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "marketplace_stock_thresholds");
        }
    }
}
