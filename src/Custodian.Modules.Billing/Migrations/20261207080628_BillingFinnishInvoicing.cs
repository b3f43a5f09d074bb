using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Custodian.Modules.Billing.Migrations
{
    /// <inheritdoc />
    internal partial class BillingFinnishInvoicing : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "lines",
                table: "billing_documents",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "billing_invoice_requests",
                columns: table => new
                {
                    source = table.Column<string>(maxLength: 40, nullable: false),
                    source_reference = table.Column<string>(maxLength: 100, nullable: false),
                    event_id = table.Column<Guid>(nullable: false),
                    status = table.Column<string>(maxLength: 16, nullable: false),
                    invoice_id = table.Column<Guid>(nullable: true),
                    problems = table.Column<string>(nullable: true),
                    received_at_utc = table.Column<DateTime>(nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_billing_invoice_requests", x => new { x.source, x.source_reference });
                });

            migrationBuilder.CreateIndex(
                name: "IX_billing_invoice_requests_received_at_utc",
                table: "billing_invoice_requests",
                column: "received_at_utc");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "billing_invoice_requests");

            migrationBuilder.DropColumn(
                name: "lines",
                table: "billing_documents");
        }
    }
}
