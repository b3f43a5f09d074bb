using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Custodian.Modules.Marketplace.Migrations
{
    /// <inheritdoc />
    internal partial class DailyTotals : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "totals_pending_days",
                table: "marketplace_sync_checkpoints",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "daily_totals_version",
                table: "marketplace_accounts",
                nullable: false,
                defaultValue: 0);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "totals_pending_days",
                table: "marketplace_sync_checkpoints");

            migrationBuilder.DropColumn(
                name: "daily_totals_version",
                table: "marketplace_accounts");
        }
    }
}
