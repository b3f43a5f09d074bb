using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Custodian.Modules.Billing.Migrations
{
    /// <inheritdoc />
    internal partial class BillingCollectionCases : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "billing_collection_cases",
                columns: table => new
                {
                    invoice_id = table.Column<Guid>(nullable: false),
                    sent_on = table.Column<DateOnly>(nullable: false),
                    sent_by = table.Column<string>(maxLength: 80, nullable: false),
                    sent_at_utc = table.Column<DateTime>(nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_billing_collection_cases", x => x.invoice_id);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "billing_collection_cases");
        }
    }
}
