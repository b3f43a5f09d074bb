using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Custodian.Modules.Billing.Migrations
{
    /// <inheritdoc />
    internal partial class OnlinePayments : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "billing_payments",
                columns: table => new
                {
                    id = table.Column<Guid>(nullable: false),
                    invoice_id = table.Column<Guid>(nullable: false),
                    account = table.Column<string>(maxLength: 100, nullable: false),
                    provider_payment_id = table.Column<string>(maxLength: 64, nullable: false),
                    amount = table.Column<decimal>(precision: 18, scale: 2, nullable: false),
                    status = table.Column<string>(maxLength: 16, nullable: false),
                    created_at_utc = table.Column<DateTime>(nullable: false),
                    confirmed_at_utc = table.Column<DateTime>(nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_billing_payments", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_billing_payments_invoice_id",
                table: "billing_payments",
                column: "invoice_id");

            migrationBuilder.CreateIndex(
                name: "IX_billing_payments_provider_payment_id",
                table: "billing_payments",
                column: "provider_payment_id",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "billing_payments");
        }
    }
}
