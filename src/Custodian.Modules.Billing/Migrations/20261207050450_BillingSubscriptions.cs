using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Custodian.Modules.Billing.Migrations
{
    /// <inheritdoc />
    internal partial class BillingSubscriptions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "billing_plan_orders",
                columns: table => new
                {
                    id = table.Column<Guid>(nullable: false),
                    invoice_id = table.Column<Guid>(nullable: false),
                    account = table.Column<string>(maxLength: 100, nullable: false),
                    plan_id = table.Column<string>(maxLength: 32, nullable: false),
                    cycle = table.Column<string>(maxLength: 16, nullable: false),
                    months = table.Column<int>(nullable: false),
                    price = table.Column<decimal>(precision: 18, scale: 2, nullable: false),
                    credit = table.Column<decimal>(precision: 18, scale: 2, nullable: false),
                    amount = table.Column<decimal>(precision: 18, scale: 2, nullable: false),
                    currency = table.Column<string>(maxLength: 3, nullable: false),
                    changes_plan = table.Column<bool>(nullable: false),
                    ordered_at_utc = table.Column<DateTime>(nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_billing_plan_orders", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_billing_plan_orders_account",
                table: "billing_plan_orders",
                column: "account");

            migrationBuilder.CreateIndex(
                name: "IX_billing_plan_orders_invoice_id",
                table: "billing_plan_orders",
                column: "invoice_id",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "billing_plan_orders");
        }
    }
}
