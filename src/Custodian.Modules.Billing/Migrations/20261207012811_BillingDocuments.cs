using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Custodian.Modules.Billing.Migrations
{
    /// <inheritdoc />
    internal partial class BillingDocuments : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "billing_document_counters",
                columns: table => new
                {
                    kind = table.Column<string>(maxLength: 16, nullable: false),
                    year = table.Column<int>(nullable: false),
                    last_number = table.Column<int>(nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_billing_document_counters", x => new { x.kind, x.year });
                });

            migrationBuilder.CreateTable(
                name: "billing_documents",
                columns: table => new
                {
                    id = table.Column<Guid>(nullable: false),
                    kind = table.Column<string>(maxLength: 16, nullable: false),
                    year = table.Column<int>(nullable: false),
                    number = table.Column<int>(nullable: false),
                    issued_on = table.Column<DateOnly>(nullable: false),
                    issued_at_utc = table.Column<DateTime>(nullable: false),
                    payer_id = table.Column<Guid>(nullable: false),
                    invoice_id = table.Column<Guid>(nullable: true),
                    description = table.Column<string>(maxLength: 500, nullable: false),
                    amount = table.Column<decimal>(precision: 18, scale: 2, nullable: false),
                    vat_rate = table.Column<decimal>(precision: 5, scale: 2, nullable: true),
                    vat_amount = table.Column<decimal>(precision: 18, scale: 2, nullable: false),
                    supplier_details = table.Column<string>(nullable: false),
                    payer_details = table.Column<byte[]>(nullable: false),
                    payer_scope = table.Column<string>(maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_billing_documents", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_billing_documents_kind_year_number",
                table: "billing_documents",
                columns: new[] { "kind", "year", "number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_billing_documents_payer_id",
                table: "billing_documents",
                column: "payer_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "billing_document_counters");

            migrationBuilder.DropTable(
                name: "billing_documents");
        }
    }
}
