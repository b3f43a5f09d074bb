using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Custodian.Modules.Billing.Migrations
{
    /// <inheritdoc />
    internal partial class BillingRights : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<byte[]>(
                name: "email_index",
                table: "billing_payers",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "restricted",
                table: "billing_payers",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateIndex(
                name: "IX_billing_payers_email_index",
                table: "billing_payers",
                column: "email_index");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_billing_payers_email_index",
                table: "billing_payers");

            migrationBuilder.DropColumn(
                name: "email_index",
                table: "billing_payers");

            migrationBuilder.DropColumn(
                name: "restricted",
                table: "billing_payers");
        }
    }
}
