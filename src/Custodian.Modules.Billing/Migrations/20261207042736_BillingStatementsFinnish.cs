using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Custodian.Modules.Billing.Migrations
{
    /// <inheritdoc />
    internal partial class BillingStatementsFinnish : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateOnly>(
                name: "due_on",
                table: "billing_documents",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "reference",
                table: "billing_documents",
                maxLength: 25,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "billing_statement_payments",
                columns: table => new
                {
                    id = table.Column<Guid>(nullable: false),
                    line_key = table.Column<string>(maxLength: 64, nullable: false),
                    paid_on = table.Column<DateOnly>(nullable: false),
                    document_number = table.Column<string>(maxLength: 20, nullable: false),
                    amount = table.Column<decimal>(precision: 18, scale: 2, nullable: false),
                    payer_name = table.Column<byte[]>(nullable: true),
                    payer_inn = table.Column<byte[]>(nullable: true),
                    inn_index = table.Column<byte[]>(nullable: true),
                    payer_account = table.Column<byte[]>(nullable: true),
                    payment_reference = table.Column<byte[]>(nullable: false),
                    imported_at_utc = table.Column<DateTime>(nullable: false),
                    invoice_id = table.Column<Guid>(nullable: true),
                    matched_by = table.Column<string>(maxLength: 100, nullable: true),
                    matched_at_utc = table.Column<DateTime>(nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_billing_statement_payments", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_billing_statement_payments_invoice_id",
                table: "billing_statement_payments",
                column: "invoice_id");

            migrationBuilder.CreateIndex(
                name: "IX_billing_statement_payments_line_key",
                table: "billing_statement_payments",
                column: "line_key",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "billing_statement_payments");

            migrationBuilder.DropColumn(
                name: "due_on",
                table: "billing_documents");

            migrationBuilder.DropColumn(
                name: "reference",
                table: "billing_documents");
        }
    }
}
