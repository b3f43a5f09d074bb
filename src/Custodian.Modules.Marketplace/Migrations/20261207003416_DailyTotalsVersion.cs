using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Custodian.Modules.Marketplace.Migrations
{
    /// <inheritdoc />
    internal partial class DailyTotalsVersion : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "DailyTotalsVersion",
                table: "marketplace_accounts",
                nullable: false,
                defaultValue: 0);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "DailyTotalsVersion",
                table: "marketplace_accounts");
        }
    }
}
