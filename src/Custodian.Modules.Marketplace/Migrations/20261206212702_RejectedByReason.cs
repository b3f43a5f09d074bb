using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Custodian.Modules.Marketplace.Migrations
{
    /// <inheritdoc />
    internal partial class RejectedByReason : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "rejected_by_reason",
                table: "marketplace_sync_checkpoints",
                maxLength: 2000,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "rejected_by_reason",
                table: "marketplace_sync_checkpoints");
        }
    }
}
