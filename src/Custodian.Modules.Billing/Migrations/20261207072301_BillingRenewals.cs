using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Custodian.Modules.Billing.Migrations
{
    /// <inheritdoc />
    internal partial class BillingRenewals : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "superseded_at_utc",
                table: "billing_plan_orders",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "billing_renewal_cancellations",
                columns: table => new
                {
                    account = table.Column<string>(maxLength: 100, nullable: false),
                    period_end_utc = table.Column<DateTime>(nullable: false),
                    cancelled_at_utc = table.Column<DateTime>(nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_billing_renewal_cancellations", x => x.account);
                });

            migrationBuilder.CreateTable(
                name: "billing_renewal_reminders",
                columns: table => new
                {
                    id = table.Column<Guid>(nullable: false),
                    account = table.Column<string>(maxLength: 100, nullable: false),
                    period_end_utc = table.Column<DateTime>(nullable: false),
                    stage = table.Column<string>(maxLength: 16, nullable: false),
                    plan_id = table.Column<string>(maxLength: 32, nullable: false),
                    cycle = table.Column<string>(maxLength: 16, nullable: false),
                    token_hash = table.Column<byte[]>(nullable: false),
                    expires_at_utc = table.Column<DateTime>(nullable: false),
                    sent_at_utc = table.Column<DateTime>(nullable: true),
                    invoice_id = table.Column<Guid>(nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_billing_renewal_reminders", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_billing_renewal_reminders_account_period_end_utc_stage",
                table: "billing_renewal_reminders",
                columns: new[] { "account", "period_end_utc", "stage" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_billing_renewal_reminders_token_hash",
                table: "billing_renewal_reminders",
                column: "token_hash",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "billing_renewal_cancellations");

            migrationBuilder.DropTable(
                name: "billing_renewal_reminders");

            migrationBuilder.DropColumn(
                name: "superseded_at_utc",
                table: "billing_plan_orders");
        }
    }
}
